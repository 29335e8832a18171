package io.pgserve.engine;

import io.pgserve.engine.internal.Casts;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scalar functions and operators against PostgreSQL 15: every case of src/test/resources/functions/cases.sql must
 * give PostgreSQL's result type and value (as text, TimeZone UTC) — or fail with PostgreSQL's SQLSTATE — as
 * recorded in expected.tsv by src/test/golden/make-function-goldens.py.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FunctionsTest {
    private static final Path DIR = Path.of("src/test/resources/functions");
    private final QueryHandler session = SqlEngine.memdb().newSession();

    record Case(String sql, boolean ok, String type, String value) {
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Case(un(f[0]), f[1].equals("ok"), f[2], un(f[3])));
        }
        return out;
    }

    private static String un(String s) {
        if (s.equals("\\N")) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                sb.append(d == 't' ? '\t' : d == 'n' ? '\n' : d);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseAnswersAsPostgresqlDoes() throws IOException {
        List<String> sql = Files.readAllLines(DIR.resolve("cases.sql"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).toList();
        List<Case> cases = cases();
        assertEquals(sql, cases.stream().map(Case::sql).toList(), "expected.tsv is out of date: run "
                + "make-function-goldens.py");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.sql(), () -> check(c)));
    }

    private void check(Case c) throws Exception {
        QueryResult.Rows r;
        Object[] row;
        try {
            r = (QueryResult.Rows) session.execute(new Query(c.sql(), io.pgserve.sql.StatementKind.OTHER, "",
                    List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
            row = r.rows().next();
            r.rows().close();
        } catch (PgException e) {
            if (c.ok()) {
                fail("PostgreSQL answers " + c.value() + " (" + c.type() + "), memdb fails: " + e.sqlState() + " "
                        + e.getMessage());
            }
            assertEquals(c.type(), e.sqlState(), e.getMessage());
            return;
        }
        if (!c.ok()) {
            fail("PostgreSQL fails with " + c.type() + ", memdb answers " + (row == null ? null : row[0]));
        }
        assertNotNull(row, "no row");
        var type = r.columns().get(0).type();
        String text = row[0] == null ? null : Casts.toText(row[0], type, TypeRegistry.builtin(),
                CodecContext.DEFAULT);
        assertEquals(c.type() + " " + c.value(), type.name() + " " + text);
    }
}
