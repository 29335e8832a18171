package io.pgserve.engine.catalog;

import io.pgserve.engine.EnumType;
import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.SqlState;
import io.pgserve.server.testsupport.Processes;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enum part of the catalog differential test: the enum types and the table of {@code schema-enums.sql}, built in
 * memdb (and described by hand as a raw handler's {@link SchemaModel}), must give psql's {@code \dT}, {@code \dT+}
 * and {@code \d} exactly as PostgreSQL 15 did (goldens/psql-enums-*.out, recorded by
 * src/test/scripts/catalog-enum-goldens.sh). A separate schema so that the other goldens stay as they are.
 */
@Timeout(300)
class EnumCatalogGoldenTest {
    private static final String DATABASE = "pgserve_catalog_enums";
    private static final Path GOLDENS = Path.of("src/test/resources/io/pgserve/engine/catalog/goldens");

    private static PgServer memdb;
    private static PgServer raw;

    @BeforeAll
    static void start() throws Exception {
        memdb = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
        try (Connection c = DriverManager.getConnection(memdb.jdbcUrl(DATABASE), "postgres", "");
             Statement s = c.createStatement()) {
            for (String statement : statements()) {
                s.execute(statement);
            }
        }
        SchemaModel model = rawModel();
        raw = PgServer.builder().host("127.0.0.1").port(0).handler(CatalogHandler.wrap(session -> query -> {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this handler only has a catalog");
        }, () -> model)).build().start();
    }

    @AfterAll
    static void stop() {
        if (memdb != null) {
            memdb.close();
        }
        if (raw != null) {
            raw.close();
        }
    }

    /** schema-enums.sql as a raw handler describes it, with its own OIDs. */
    static SchemaModel rawModel() {
        EnumType mood = new EnumType("public", "mood", 70001, 70000);
        mood.add("sad", 70002, null, false);
        mood.add("ok", 70003, null, false);
        mood.add("happy", 70004, null, false);
        mood.add("meh", 70005, "ok", false);
        EnumType weird = new EnumType("public", "Weird Name", 70011, 70010);
        weird.add("a b", 70012, null, false);
        weird.add("it's", 70013, null, false);
        EnumType status = new EnumType("app", "status", 70021, 70020);
        status.add("new", 70022, null, false);
        status.add("done", 70023, null, false);
        return SchemaModel.of(List.of(SchemaModel.Schema.PUBLIC, new SchemaModel.Schema("app", 0, null, null)),
                List.of(SchemaModel.Relation.table("public", "person")
                        .column(SchemaModel.Column.of("id", PgType.INT4))
                        .column(SchemaModel.Column.of("name", PgType.TEXT))
                        .column(SchemaModel.Column.of("current_mood", mood.type()).withNotNull()
                                .withDefault("'ok'::mood"))
                        .column(SchemaModel.Column.of("moods", mood.arrayType()))
                        .column(SchemaModel.Column.of("status", status.type()))
                        .column(SchemaModel.Column.of("odd", weird.type()))
                        .primaryKey("person_pkey", "id").build()),
                List.of(mood, weird, status));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EnumCatalogGoldenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** schema-enums.sql's statements (each ends with ";" at the end of a line; "--" lines are comments). */
    private static List<String> statements() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : resource("schema-enums.sql").split("\n")) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            cur.append(cur.length() == 0 ? "" : "\n").append(line);
            if (line.endsWith(";")) {
                out.add(cur.substring(0, cur.length() - 1));
                cur.setLength(0);
            }
        }
        return out;
    }

    @Test
    void memdbMatchesPostgres() throws Exception {
        psqlMetaCommands(memdb);
    }

    @Test
    void rawHandlerModelMatchesPostgres() throws Exception {
        psqlMetaCommands(raw);
    }

    private static void psqlMetaCommands(PgServer server) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String line : resource("psql-commands-enums.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", 2);
            Processes.Result r = Processes.run(List.of("psql", "-X", "-h", "127.0.0.1", "-p",
                    Integer.toString(server.port()), "-U", "postgres", "-d", DATABASE, "-P", "pager=off", "-c",
                    f[1]), 30);
            String expected = Files.readString(GOLDENS.resolve("psql-enums-" + f[0] + ".out"));
            if (!expected.equals(r.output())) {
                problems.add(f[0] + " differs from PostgreSQL's:\n--- expected\n" + expected + "--- actual\n"
                        + r.output());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
