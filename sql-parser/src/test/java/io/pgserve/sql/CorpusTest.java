package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pgserve.sql.ast.OtherStatement;
import io.pgserve.sql.ast.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement that real clients send (src/test/resources/corpus/*.sql, extracted from wire traces of psql,
 * pgjdbc, SQLAlchemy, asyncpg, psycopg, psqlODBC, node-postgres, postgres.js, pgx, and Npgsql's type loading)
 * parses, and survives parse, print, parse. An entry is one Query or Parse message; entries are separated by a
 * line {@code -- #####}; a Query message may hold several statements. None of them may be left to
 * {@link OtherStatement}.
 */
class CorpusTest {
    static final List<String> CLIENTS = List.of("asyncpg", "asyncpg2", "nodepg", "npgsql", "odbc_isql",
            "odbc_isql_help", "pgjdbc", "pgx4", "postgresjs", "psql15", "psql15_tab", "psycopg2", "psycopg3", "pyodbc",
            "sqla14_asyncpg", "sqla14_psycopg2", "sqla20_asyncpg", "sqla20_psycopg2", "sqla20_psycopg3");

    static List<String> entries(String client) {
        String text;
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + client + ".sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String[] parts = text.split("\n-- #####\n", -1);
        List<String> out = new ArrayList<>();
        // The first part is the file's header comment.
        for (int i = 1; i < parts.length; i++) {
            String entry = parts[i].endsWith("\n") ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
            if (!entry.isBlank()) {
                out.add(entry);
            }
        }
        return out;
    }

    static Stream<Arguments> corpus() {
        List<Arguments> all = new ArrayList<>();
        for (String client : CLIENTS) {
            List<String> entries = entries(client);
            for (int i = 0; i < entries.size(); i++) {
                all.add(Arguments.of(client + "#" + (i + 1), entries.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesAndRoundTrips(String name, String sql) {
        List<Statement> statements = SqlParser.parseAll(sql);
        assertFalse(statements.isEmpty(), name);
        if (statements.size() == 1) {
            assertEquals(statements.get(0), SqlParser.parse(sql));
        }
        for (Statement first : statements) {
            assertFalse(first instanceof OtherStatement, () -> name + " not parsed by the grammar: " + first);
            String printed = SqlPrinter.print(first);
            Statement second = SqlParser.parse(printed);
            assertEquals(first, second, () -> "printed: " + printed);
        }
    }
}
