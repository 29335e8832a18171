package io.pgserve.engine.catalog;

import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * psqlODBC (driver "PostgreSQL Unicode") through unixODBC's isql, DSN-less: connect (the driver sends its own
 * catalog queries), run queries, list tables ({@code help}: SQLTables) and each table's columns ({@code help T}:
 * SQLColumns), over memdb ({@code odbc-memdb.txt}) and over a raw handler ({@code odbc-raw.txt}), compared with what
 * isql printed against PostgreSQL 15 for schema.sql ({@code goldens/odbc-*.out}, recorded by
 * {@code src/test/scripts/client-goldens.sh}).
 *
 * <p>The one difference: SQLColumns' {@code TABLE OID} column is a table's pg_class OID, which in PostgreSQL depends
 * on the database's history (16386 for author there). It is checked to be the table's OID in pgserve's pg_class,
 * then masked in both outputs.
 */
@Timeout(120)
class OdbcCatalogTest extends CatalogServers.Base {
    private static final Path RESOURCES = Path.of("src/test/resources/io/pgserve/engine/catalog");

    /** isql's output for the commands of {@code odbc-NAME.txt} (the client-goldens.sh invocation). */
    private static String isql(PgServer server, String name) throws Exception {
        String connect = "Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=" + server.port() + ";Database="
                + CatalogServers.DATABASE + ";Uid=postgres;Pwd=;CommLog=0";
        Processes.Result r = Processes.run(List.of("sh", "-c", "exec isql -v -k \"$0\" -b '-d|' -c < \"$1\"", connect,
                RESOURCES.resolve("odbc-" + name + ".txt").toString()), 60);
        return r.exit() == 0 ? r.output() : r.output() + "exit " + r.exit() + "\n";
    }

    /**
     * The output with each SQLColumns row's TABLE OID replaced by "oid"; with {@code server}, each must first be the
     * OID pgserve's pg_class gives that table.
     */
    private static String maskTableOids(String output, PgServer server) throws Exception {
        List<String> out = new ArrayList<>();
        int oidAt = -1;
        int nameAt = -1;
        try (Connection c = server == null ? null : DriverManager.getConnection(
                server.jdbcUrl(CatalogServers.DATABASE), "postgres", "")) {
            for (String line : output.split("\n", -1)) {
                List<String> f = new ArrayList<>(Arrays.asList(line.split("\\|", -1)));
                if (f.contains("TABLE OID")) {
                    oidAt = f.indexOf("TABLE OID");
                    nameAt = f.indexOf("TABLE_NAME");
                } else if (oidAt >= 0 && f.size() > oidAt) {
                    if (c != null) {
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                                "select oid from pg_class where relname = '" + f.get(nameAt) + "'")) {
                            rs.next();
                            assertEquals(rs.getString(1), f.get(oidAt), "TABLE OID of " + f.get(nameAt));
                        }
                    }
                    f.set(oidAt, "oid");
                } else {
                    oidAt = -1;
                }
                out.add(String.join("|", f));
            }
        }
        return String.join("\n", out);
    }

    private static void compare(PgServer server, String name) throws Exception {
        String expected = Files.readString(RESOURCES.resolve("goldens/odbc-" + name + ".out"));
        assertEquals(maskTableOids(expected, null), maskTableOids(isql(server, name), server),
                "isql over pgserve differs from isql over PostgreSQL (odbc-" + name + ")");
    }

    @Test
    void isqlOverMemdbMatchesPostgres() throws Exception {
        compare(servers.memdb, "memdb");
    }

    @Test
    void isqlOverARawHandlerMatchesPostgres() throws Exception {
        compare(servers.raw, "raw");
    }
}
