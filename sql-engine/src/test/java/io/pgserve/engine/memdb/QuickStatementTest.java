package io.pgserve.engine.memdb;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.sql.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statements run quick (as on a network thread, {@code executeAsync} of a memdb session): one that would wait for
 * another transaction, or reads too many rows, is undone and runs again where it may wait, with the result it would
 * have had from the start. Without a server the second run happens on the calling thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuickStatementTest {
    private final MemDb db = new MemDb();
    private final SqlEngine engine = new SqlEngine(db);
    private final QueryHandler h = engine.newSession();

    private static QueryResult run(QueryHandler h, StatementKind kind, String sql, TransactionMode mode)
            throws Exception {
        try {
            return h.executeAsync(new Query(sql, kind, "", List.of(), null, null, null, mode))
                    .toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static QueryResult run(QueryHandler h, StatementKind kind, String sql) throws Exception {
        return run(h, kind, sql, TransactionMode.SINGLE_STATEMENT);
    }

    /** Runs in a transaction block (after a BEGIN). */
    private static QueryResult inBlock(QueryHandler h, StatementKind kind, String sql) throws Exception {
        return run(h, kind, sql, TransactionMode.BLOCK);
    }

    private static CompletableFuture<QueryResult> later(QueryHandler h, StatementKind kind, String sql,
                                                        TransactionMode mode) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run(h, kind, sql, mode);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static String text(QueryHandler h, String sql) throws Exception {
        return MemDbStorageTest.text(h, sql);
    }

    private void awaitWaiting() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.waitingTransactions() < 1) {
            assertTrue(System.nanoTime() < end, "no transaction started waiting");
            Thread.sleep(5);
        }
    }

    @Test
    void anUpdateThatMeetsALockIsUndoneAndRunsOnceMore() throws Exception {
        run(h, StatementKind.DDL, "create table c(id int primary key, n int)");
        run(h, StatementKind.INSERT, "insert into c values (1, 0), (2, 0), (3, 0)");
        QueryHandler a = engine.newSession();
        QueryHandler b = engine.newSession();
        run(a, StatementKind.BEGIN, "begin");
        inBlock(a, StatementKind.UPDATE, "update c set n = n + 1 where id = 2");
        run(b, StatementKind.BEGIN, "begin");
        inBlock(b, StatementKind.INSERT, "insert into c values (4, 0)");
        // b updates row 1, then meets a's lock on row 2: the update of row 1 is undone, the statement waits
        CompletableFuture<QueryResult> update = later(b, StatementKind.UPDATE, "update c set n = n + 10 where id < 9",
                TransactionMode.BLOCK);
        awaitWaiting();
        assertFalse(update.isDone());
        assertEquals("[[1, 0], [2, 0], [3, 0]]", text(h, "select * from c order by id"));
        run(a, StatementKind.COMMIT, "commit");
        assertEquals("UPDATE 4", ((QueryResult.Command) update.get(10, TimeUnit.SECONDS)).tag());
        assertEquals("[[1, 10], [2, 11], [3, 10], [4, 10]]", text(b, "select * from c order by id"));
        run(b, StatementKind.COMMIT, "commit");
        assertEquals("[[1, 10], [2, 11], [3, 10], [4, 10]]", text(h, "select * from c order by id"));
        assertEquals("[[4]]", text(h, "select count(*) from c"));
    }

    @Test
    void anInsertThatMeetsAnUncommittedKeyWaitsForItsOutcome() throws Exception {
        run(h, StatementKind.DDL, "create table k(id int primary key)");
        QueryHandler a = engine.newSession();
        run(a, StatementKind.BEGIN, "begin");
        inBlock(a, StatementKind.INSERT, "insert into k values (5)");
        CompletableFuture<QueryResult> insert = later(h, StatementKind.INSERT, "insert into k values (6), (5)",
                TransactionMode.SINGLE_STATEMENT);
        awaitWaiting();
        run(a, StatementKind.ROLLBACK, "rollback");
        assertEquals("INSERT 0 2", ((QueryResult.Command) insert.get(10, TimeUnit.SECONDS)).tag());
        assertEquals("[[5], [6]]", text(h, "select * from k order by id"));

        run(a, StatementKind.BEGIN, "begin");
        inBlock(a, StatementKind.INSERT, "insert into k values (7)");
        CompletableFuture<QueryResult> conflicting = later(h, StatementKind.INSERT, "insert into k values (8), (7)",
                TransactionMode.SINGLE_STATEMENT);
        awaitWaiting();
        run(a, StatementKind.COMMIT, "commit");
        ExecutionException e = assertThrows(ExecutionException.class, () -> conflicting.get(10, TimeUnit.SECONDS));
        PgException pg = assertInstanceOf(PgException.class, e.getCause().getCause());
        assertEquals("23505", pg.sqlState());
        assertEquals("[[5], [6], [7]]", text(h, "select * from k order by id"));
    }

    @Test
    void aQueryOverManyRowsGivesThemAll() throws Exception {
        run(h, StatementKind.DDL, "create table big(id int)");
        run(h, StatementKind.INSERT, "insert into big select g from generate_series(1, 5000) g");
        assertEquals("[[5000, 12502500]]", text(h, "select count(*), sum(id) from big"));
        QueryResult.Rows rows = (QueryResult.Rows) run(h, StatementKind.SELECT, "select id from big");
        int n = 0;
        while (rows.rows().next() != null) {
            n++;
        }
        assertEquals(5000, n);
        // in a block, a long statement after a short one: both count once
        run(h, StatementKind.BEGIN, "begin");
        inBlock(h, StatementKind.INSERT, "insert into big values (0)");
        assertEquals("UPDATE 5001", ((QueryResult.Command) inBlock(h, StatementKind.UPDATE,
                "update big set id = id + 1")).tag());
        run(h, StatementKind.COMMIT, "commit");
        assertEquals("[[5001, 12507501]]", text(h, "select count(*), sum(id) from big"));
    }

    /**
     * Pruning a large table takes long, so a statement on a network thread that must prune first moves to a worker:
     * the update that found the table's storage full is undone and runs again, once.
     */
    @Test
    void anUpdateThatMustPruneALargeTableRunsOnce() throws Exception {
        run(h, StatementKind.DDL, "create table big(id int primary key, n int)");
        run(h, StatementKind.INSERT, "insert into big select g, 0 from generate_series(1, 5000) g");
        int before = db.storedVersions("public", "big");
        for (int i = 0; i < 4000; i++) {
            run(h, StatementKind.UPDATE, "update big set n = n + 1 where id = " + (1 + i % 2500));
        }
        assertEquals("[[5000, 4000]]", text(h, "select count(*), sum(n) from big"));
        assertEquals("[[2500]]", text(h, "select count(*) from big where n > 0"));
        assertTrue(db.storedVersions("public", "big") < before + 4000, "the table was pruned meanwhile");
    }
}
