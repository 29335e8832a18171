package io.pgserve.engine.catalog;

import io.pgserve.engine.EnumType;
import io.pgserve.server.PgServer;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

/**
 * The enum part of the catalog differential test: the enum types and the table of {@code schema-enums.sql}, built in
 * memdb (and described by hand as a raw handler's {@link SchemaModel}), must give psql's {@code \dT}, {@code \dT+}
 * and {@code \d} exactly as PostgreSQL 15 did (goldens/psql-enums-*.out, recorded by
 * src/test/scripts/catalog-enum-goldens.sh). A separate schema so that the other goldens stay as they are.
 */
@Timeout(300)
class EnumCatalogGoldenTest {
    private static final String DATABASE = "pgserve_catalog_enums";

    private static CatalogServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new CatalogServers(null, DATABASE, CatalogGoldenTest.statements("schema-enums.sql"), rawModel(),
                CatalogServers.CATALOG_ONLY);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
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

    @Test
    void memdbMatchesPostgres() throws Exception {
        psqlMetaCommands(servers.memdb);
    }

    @Test
    void rawHandlerModelMatchesPostgres() throws Exception {
        psqlMetaCommands(servers.raw);
    }

    private static void psqlMetaCommands(PgServer server) throws Exception {
        CatalogGoldenTest.psqlMetaCommands(server, DATABASE, "psql-commands-enums.txt", "psql-enums-", Map.of());
    }
}
