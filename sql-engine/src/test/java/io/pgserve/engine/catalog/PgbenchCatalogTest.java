package io.pgserve.engine.catalog;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.testsupport.Processes;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pgbench's start-up checks, over memdb and over a raw handler that describes pgbench's tables in a
 * {@link SchemaModel}: before a run with a built-in script pgbench asks the catalog whether pgbench_accounts is
 * partitioned (a query over pg_class, pg_namespace, pg_partitioned_table and pg_inherits with current_schemas and
 * array_position), and pgbench-startup.sql also runs psql's {@code \d} of its tables. Both must print what
 * PostgreSQL 15 printed after {@code pgbench -i} ({@code goldens/pgbench-startup.out}, recorded by
 * {@code src/test/scripts/client-goldens.sh}). Then real pgbench runs its select-only script against the raw
 * handler: the catalog answers the check, the handler answers pgbench's own statements. (PgbenchTest runs the
 * TPC-B script against memdb.)
 */
@Timeout(120)
class PgbenchCatalogTest {
    private static final String PGBENCH = "/usr/lib/postgresql/15/bin/pgbench";
    private static final Path RESOURCES = Path.of("src/test/resources/io/pgserve/engine/catalog");

    /** pgbench's tables as {@code pgbench -i} creates them (with its primary keys). */
    static SchemaModel pgbenchModel() {
        SchemaModel.Column filler84 = SchemaModel.Column.of("filler", PgType.BPCHAR).withTypeModifier(84 + 4);
        return SchemaModel.of(List.of(
                SchemaModel.Relation.table("public", "pgbench_accounts")
                        .column(SchemaModel.Column.of("aid", PgType.INT4).withNotNull())
                        .column(SchemaModel.Column.of("bid", PgType.INT4))
                        .column(SchemaModel.Column.of("abalance", PgType.INT4))
                        .column(filler84).primaryKey("pgbench_accounts_pkey", "aid").build(),
                SchemaModel.Relation.table("public", "pgbench_branches")
                        .column(SchemaModel.Column.of("bid", PgType.INT4).withNotNull())
                        .column(SchemaModel.Column.of("bbalance", PgType.INT4))
                        .column(SchemaModel.Column.of("filler", PgType.BPCHAR).withTypeModifier(88 + 4))
                        .primaryKey("pgbench_branches_pkey", "bid").build(),
                SchemaModel.Relation.table("public", "pgbench_history")
                        .column(SchemaModel.Column.of("tid", PgType.INT4))
                        .column(SchemaModel.Column.of("bid", PgType.INT4))
                        .column(SchemaModel.Column.of("aid", PgType.INT4))
                        .column(SchemaModel.Column.of("delta", PgType.INT4))
                        .column(SchemaModel.Column.of("mtime", PgType.TIMESTAMP))
                        .column(SchemaModel.Column.of("filler", PgType.BPCHAR).withTypeModifier(22 + 4)).build(),
                SchemaModel.Relation.table("public", "pgbench_tellers")
                        .column(SchemaModel.Column.of("tid", PgType.INT4).withNotNull())
                        .column(SchemaModel.Column.of("bid", PgType.INT4))
                        .column(SchemaModel.Column.of("tbalance", PgType.INT4))
                        .column(filler84).primaryKey("pgbench_tellers_pkey", "tid").build()));
    }

    /**
     * A raw handler for pgbench's select-only script at scale 1: one branch, every account's balance 0; VACUUM and
     * TRUNCATE accepted. Counts the balance lookups.
     */
    private static PgServer rawServer(AtomicInteger lookups) {
        SchemaModel model = pgbenchModel();
        return PgServer.builder().host("127.0.0.1").port(0).serverVersion("15.0").handler(CatalogHandler.wrap(
                session -> query -> {
                    String sql = query.sql().trim().replaceAll(";$", "").toLowerCase(Locale.ROOT);
                    if (sql.equals("select count(*) from pgbench_branches")) {
                        return QueryResult.rows(List.of(Column.of("count", PgType.INT8)),
                                List.<Object[]>of(new Object[] {1L}));
                    }
                    if (sql.matches("select abalance from pgbench_accounts where aid = [0-9]+")) {
                        lookups.incrementAndGet();
                        return QueryResult.rows(List.of(Column.of("abalance", PgType.INT4)),
                                List.<Object[]>of(new Object[] {0}));
                    }
                    if (sql.startsWith("vacuum ")) {
                        return QueryResult.command("VACUUM");
                    }
                    if (sql.startsWith("truncate ")) {
                        return QueryResult.command("TRUNCATE TABLE");
                    }
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "not a pgbench statement: " + sql);
                }, () -> model)).build().start();
    }

    private static String startupChecks(PgServer server) throws Exception {
        return Processes.run(List.of("psql", "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U",
                "postgres", "-d", "postgres", "-P", "pager=off", "-f",
                RESOURCES.resolve("pgbench-startup.sql").toString()), 30).output();
    }

    private static String golden() throws Exception {
        return Files.readString(RESOURCES.resolve("goldens/pgbench-startup.out"));
    }

    @Test
    void startupChecksOverMemdbMatchPostgres() throws Exception {
        Assumptions.assumeTrue(new File(PGBENCH).canExecute(), "pgbench is not installed at " + PGBENCH
                + " (.ci/run installs it)");
        try (PgServer server = PgServer.builder().host("127.0.0.1").port(0).serverVersion("15.0")
                .handler(SqlEngine.memdb()).build().start()) {
            // as client-goldens.sh does: drop, create tables, primary keys; no rows
            Processes.Result init = Processes.run(List.of(PGBENCH, "-h", "127.0.0.1", "-p",
                    Integer.toString(server.port()), "-U", "postgres", "-i", "-I", "dtp", "postgres"), 60);
            assertEquals(0, init.exit(), init.output());
            assertEquals(golden(), startupChecks(server));
        }
    }

    @Test
    void startupChecksOverARawHandlerMatchPostgres() throws Exception {
        try (PgServer server = rawServer(new AtomicInteger())) {
            assertEquals(golden(), startupChecks(server));
        }
    }

    @Test
    void pgbenchRunsAgainstARawHandler() throws Exception {
        Assumptions.assumeTrue(new File(PGBENCH).canExecute(), "pgbench is not installed at " + PGBENCH
                + " (.ci/run installs it)");
        AtomicInteger lookups = new AtomicInteger();
        try (PgServer server = rawServer(lookups)) {
            Processes.Result r = Processes.run(List.of(PGBENCH, "-h", "127.0.0.1", "-p",
                    Integer.toString(server.port()), "-U", "postgres", "-b", "select-only", "-c", "2", "-t", "20",
                    "postgres"), 60);
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("scaling factor: 1\n"), r.output());
            assertTrue(r.output().contains("number of transactions actually processed: 40/40"), r.output());
            assertTrue(r.output().contains("number of failed transactions: 0 (0.000%)"), r.output());
            assertEquals(40, lookups.get());
        }
    }
}
