package io.pgserve.engine.catalog;

import io.pgserve.server.testsupport.Processes;
import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catalog pieces psql and drivers use, over memdb with schema.sql built in it, against PostgreSQL 15's answers
 * ({@code catalog-pieces.sql}, golden {@code goldens/catalog-pieces.out} recorded by client-goldens.sh):
 * pg_get_keywords(), pg_typeof, the system columns (ctid, xmin, cmin, xmax, cmax, tableoid) in pg_attribute and
 * tableoid in queries, the tid/xid/cid and int2vector/oidvector types, information_schema.routines and parameters,
 * json_build_object's text, generate_subscripts.
 *
 * <p>Not compared (known differences): the parameters of pg_get_expr, whose first one is pg_node_tree in
 * PostgreSQL and text here (node trees are held as their SQL text); ctid, xmin... cannot be selected (no table here
 * has physical row addresses); set-returning functions (unnest, pg_get_keywords...) are not in pg_proc nor
 * information_schema.routines.
 */
@Timeout(120)
class CatalogPiecesTest extends CatalogServers.Base {
    private static final Path RESOURCES = Path.of("src/test/resources/io/pgserve/engine/catalog");

    @Test
    void piecesMatchPostgres() throws Exception {
        // from standard input, as client-goldens.sh runs it (psql's messages name the input: <stdin>)
        Processes.Result r = Processes.run(List.of("sh", "-c", "exec psql -X -h 127.0.0.1 -p \"$0\" -U postgres -d "
                + CatalogServers.DATABASE + " -P pager=off < \"$1\"", Integer.toString(servers.memdb.port()),
                RESOURCES.resolve("catalog-pieces.sql").toString()), 60);
        assertEquals(Files.readString(RESOURCES.resolve("goldens/catalog-pieces.out")), r.output());
    }

    /** The parser's keyword table agrees with PostgreSQL's list: category and bare-label use of every keyword. */
    @Test
    void parserKeywordsAreTheListedOnes() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(servers.memdb.jdbcUrl(CatalogServers.DATABASE), "postgres",
                ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select word, catcode::text || barelabel::text from pg_get_keywords()")) {
            int n = 0;
            while (rs.next()) {
                n++;
                PostgreSqlKeywords.Keyword k = PostgreSqlKeywords.lookup(rs.getString(1));
                String code = k == null ? "none" : switch (k.category()) {
                    case UNRESERVED -> "U";
                    case COL_NAME -> "C";
                    case TYPE_FUNC_NAME -> "T";
                    default -> "R";
                } + k.bareLabel();
                if (!code.equals(rs.getString(2))) {
                    problems.add(rs.getString(1) + ": " + rs.getString(2) + " in PostgreSQL, " + code + " in the parser");
                }
            }
            assertTrue(n > 400, "pg_get_keywords() has " + n + " rows");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
