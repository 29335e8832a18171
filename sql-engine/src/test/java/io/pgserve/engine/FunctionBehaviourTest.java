package io.pgserve.engine;

import io.pgserve.server.Cancellation;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.StatementKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the golden cases of FunctionsTest cannot show: time, cancellation, volatility, user functions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FunctionBehaviourTest {
    private final SqlEngine engine = SqlEngine.memdb();
    private final QueryHandler session = engine.newSession();

    private Object value(String sql, Cancellation cancellation, TransactionMode mode) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) session.execute(new Query(sql, StatementKind.OTHER, "", List.of(),
                null, cancellation, mode));
        Object[] row = r.rows().next();
        r.rows().close();
        return row[0];
    }

    private Object value(String sql) throws Exception {
        return value(sql, null, TransactionMode.SINGLE_STATEMENT);
    }

    @Test
    void pgSleepEndsWithQueryCanceledWhenTheClientCancels() {
        Cancellation cancel = new Cancellation();
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            cancel.cancel();
        });
        canceller.start();
        long start = System.nanoTime();
        PgException e = assertThrows(PgException.class, () -> value("SELECT pg_sleep(20)", cancel,
                TransactionMode.SINGLE_STATEMENT));
        assertEquals("57014", e.sqlState());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "pg_sleep did not stop promptly");
    }

    @Test
    void nowIsTheTransactionStartAndClockTimestampMoves() throws Exception {
        session.execute(new Query("BEGIN", StatementKind.OTHER, "", List.of(), null, null,
                TransactionMode.SINGLE_STATEMENT));
        OffsetDateTime first = (OffsetDateTime) value("SELECT now()", null, TransactionMode.IMPLICIT);
        Thread.sleep(20);
        OffsetDateTime second = (OffsetDateTime) value("SELECT current_timestamp", null, TransactionMode.IMPLICIT);
        OffsetDateTime clock = (OffsetDateTime) value("SELECT clock_timestamp()", null, TransactionMode.IMPLICIT);
        session.execute(new Query("COMMIT", StatementKind.OTHER, "", List.of(), null, null,
                TransactionMode.SINGLE_STATEMENT));
        assertEquals(first, second, "now() is stable within a transaction");
        assertTrue(clock.isAfter(first), "clock_timestamp() is the current time");
    }

    @Test
    void randomAndGenRandomUuidAreVolatile() throws Exception {
        assertNotEquals(value("SELECT random()"), value("SELECT random()"));
        assertNotEquals(value("SELECT gen_random_uuid()"), value("SELECT gen_random_uuid()"));
        double r = (Double) value("SELECT random()");
        assertTrue(r >= 0 && r < 1);
    }

    @Test
    void userFunctionsResolveAndStrictOnesSkipNulls() throws Exception {
        engine.functions().register("add_tax", List.of(PgType.NUMERIC), PgType.NUMERIC,
                (c, a) -> ((BigDecimal) a[0]).multiply(new BigDecimal("1.2")));
        assertEquals(new BigDecimal("12.0"), value("SELECT add_tax(10)"));
        assertEquals(null, value("SELECT add_tax(NULL)"));
        PgException e = assertThrows(PgException.class, () -> value("SELECT add_tax('x', 1)"));
        assertEquals("42883", e.sqlState());
        assertEquals("No function matches the given name and argument types. You might need to add explicit type "
                + "casts.", e.hint());
    }
}
