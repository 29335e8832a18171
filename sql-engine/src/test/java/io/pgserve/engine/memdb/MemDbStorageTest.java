package io.pgserve.engine.memdb;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memdb's storage: indexes really used, old versions pruned, deadlocks detected, snapshots restored. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MemDbStorageTest {
    private final MemDb db = new MemDb();
    private final SqlEngine engine = new SqlEngine(db);
    private final QueryHandler h = engine.newSession();

    private static QueryResult run(QueryHandler h, String sql) throws Exception {
        var kind = io.pgserve.sql.StatementKind.OTHER;
        return h.execute(new Query(sql, kind, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
    }

    private QueryResult run(String sql) throws Exception {
        return run(h, sql);
    }

    /** The rows of a query as a list of lists, e.g. {@code [[1, a], [2, b]]}. */
    static String text(QueryHandler h, String sql) throws Exception {
        QueryResult.Rows rs = (QueryResult.Rows) run(h, sql);
        List<List<Object>> out = new ArrayList<>();
        Object[] row;
        while ((row = rs.rows().next()) != null) {
            out.add(Arrays.asList(row));
        }
        rs.rows().close();
        return out.toString();
    }

    private String text(String sql) throws Exception {
        return text(h, sql);
    }

    private long visits(String sql) throws Exception {
        long before = db.rowsVisited("public", "big");
        text(sql);
        return db.rowsVisited("public", "big") - before;
    }

    @Test
    void indexesAnswerEqualityAndRangeFiltersWithoutFullScans() throws Exception {
        run("create table big(id int primary key, grp int, name text)");
        StringBuilder sb = new StringBuilder("insert into big values ");
        for (int i = 1; i <= 20_000; i++) {
            sb.append(i > 1 ? "," : "").append('(').append(i).append(',').append(i % 100).append(",'n").append(i)
                    .append("')");
        }
        run(sb.toString());
        assertEquals("[[n777]]", text("select name from big where id = 777"));
        assertEquals(1, visits("select name from big where id = 777"));
        assertEquals("[[10]]", text("select count(*) from big where id between 101 and 110"));
        assertEquals(10, visits("select count(*) from big where id >= 101 and id <= 110"));
        assertEquals(5, visits("select count(*) from big where id > 19995"));
        assertEquals(20_000, visits("select count(*) from big where grp = 7")); // no index on grp: a full scan
        run("create index big_grp on big (grp)");
        assertEquals("[[200]]", text("select count(*) from big where grp = 7"));
        assertEquals(200, visits("select count(*) from big where grp = 7"));
        assertEquals(200, visits("select count(*) from big where grp = 7 and id < 200")); // the equality wins
        // updates and deletes find their rows through the index too
        long before = db.rowsVisited("public", "big");
        run("update big set name = 'x' where id = 5");
        run("delete from big where id = 6");
        assertTrue(db.rowsVisited("public", "big") - before <= 4, "visited " + (db.rowsVisited("public", "big")
                - before));
        assertEquals("[[x]]", text("select name from big where id = 5"));
        assertEquals("[]", text("select name from big where id = 6"));
        run("drop index big_grp");
        assertTrue(visits("select count(*) from big where grp = 7") >= 19_999); // a full scan again
    }

    @Test
    void oldVersionsArePrunedUnderAnUpdateHeavyWorkload() throws Exception {
        run("create table c(id int primary key, n int)");
        run("insert into c values (1, 0), (2, 0)");
        for (int i = 0; i < 20_000; i++) {
            run("update c set n = n + 1 where id = " + (1 + i % 2));
        }
        assertEquals("[[1, 10000], [2, 10000]]", text("select * from c order by id"));
        int stored = db.storedVersions("public", "c");
        assertTrue(stored <= 64, "versions kept: " + stored);
        // an open transaction holds back pruning only to its current statement's snapshot
        QueryHandler reader = engine.newSession();
        run(reader, "begin transaction isolation level read committed");
        assertEquals("[[20000]]", text(reader, "select sum(n) from c"));
        for (int i = 0; i < 1000; i++) {
            run("update c set n = n + 1 where id = 1");
        }
        assertEquals("[[21000]]", text(reader, "select sum(n) from c")); // READ COMMITTED: a new snapshot
        run(reader, "commit");
        for (int i = 0; i < 1000; i++) {
            run("update c set n = n + 1 where id = 2");
        }
        assertTrue(db.storedVersions("public", "c") <= 64, "versions kept: " + db.storedVersions("public", "c"));
    }

    @Test
    void aSecondUpdaterWaitsAndSeesTheNewestVersion() throws Exception {
        run("create table c(id int primary key, n int)");
        run("insert into c values (1, 0)");
        QueryHandler a = engine.newSession();
        QueryHandler b = engine.newSession();
        run(a, "begin");
        run(a, "update c set n = n + 1 where id = 1");
        CompletableFuture<QueryResult> second = CompletableFuture.supplyAsync(() -> {
            try {
                return run(b, "update c set n = n + 10 where id = 1");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitWaiting(1);
        assertFalse(second.isDone(), "the second updater waits for the first");
        assertEquals("[[0]]", text("select n from c")); // readers are not blocked and see no dirty data
        run(a, "commit");
        assertEquals("UPDATE 1", ((QueryResult.Command) second.get(10, TimeUnit.SECONDS)).tag());
        assertEquals("[[11]]", text("select n from c"));
    }

    private void awaitWaiting(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (db.waitingTransactions() < n) {
            assertTrue(System.nanoTime() < end, "no transaction started waiting");
            Thread.sleep(10);
        }
    }

    @Test
    void deadlocksAreDetected() throws Exception {
        run("create table d(id int primary key, n int)");
        run("insert into d values (1, 0), (2, 0)");
        QueryHandler a = engine.newSession();
        QueryHandler b = engine.newSession();
        run(a, "begin");
        run(b, "begin");
        run(a, "update d set n = 1 where id = 1");
        run(b, "update d set n = 2 where id = 2");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<QueryResult> first = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return run(a, "update d set n = 1 where id = 2");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        started.await();
        awaitWaiting(1);
        PgException e = assertThrows(PgException.class, () -> run(b, "update d set n = 2 where id = 1"));
        assertEquals("40P01", e.sqlState());
        assertEquals("deadlock detected", e.getMessage());
        run(b, "rollback");
        assertEquals("UPDATE 1", ((QueryResult.Command) first.get(10, TimeUnit.SECONDS)).tag());
        run(a, "commit");
        assertEquals("[[1, 1], [2, 1]]", text("select * from d order by id"));
    }

    @Test
    void snapshotAndRestore() throws Exception {
        run("create table p(id serial primary key, v text unique)");
        run("create table k(id int references p on delete cascade, x int check (x > 0))");
        run("insert into p(v) values ('a'), ('b')");
        run("insert into k values (1, 1)");
        run("comment on table p is 'parents'");
        MemDb.Snapshot clean = db.snapshot();
        run("insert into p(v) values ('c')");
        run("delete from p where id = 1");
        run("create table extra(i int)");
        run("drop table k");
        db.restore(clean);
        assertEquals("[[1, a], [2, b]]", text("select * from p order by id"));
        assertEquals("[[1, 1]]", text("select * from k"));
        assertEquals("parents", db.table("public", "p").comment());
        PgException e = assertThrows(PgException.class, () -> text("select * from extra"));
        assertEquals("42P01", e.sqlState());
        assertEquals("[[3]]", text("insert into p(v) values ('c') returning id")); // the sequence was restored
        e = assertThrows(PgException.class, () -> run("insert into p(v) values ('a')"));
        assertEquals("23505", e.sqlState()); // the unique index works on restored rows
        e = assertThrows(PgException.class, () -> run("insert into k values (1, 0)"));
        assertEquals("23514", e.sqlState());
        run("delete from p where id = 1");
        assertEquals("[]", text("select * from k")); // and the foreign key cascades
        db.restore(clean); // a snapshot restores any number of times
        assertEquals("[[1, 1]]", text("select * from k"));
        assertEquals("[[2]]", text("select count(*) from p where id = 2 or v = 'a'"));
        assertInstanceOf(MemDb.Snapshot.class, clean);
    }
}
