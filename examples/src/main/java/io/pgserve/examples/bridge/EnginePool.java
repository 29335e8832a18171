package io.pgserve.examples.bridge;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code size} connections to the engine, opened when first needed and reused; a session waits for one when
 * all are taken (as long as {@code waitSeconds}, then 53300).
 */
final class EnginePool implements AutoCloseable {
    private final String url;
    private final EngineDialect dialect;
    private final Semaphore permits;
    private final long waitSeconds;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private Connection first;
    private volatile boolean closed;

    EnginePool(String url, EngineDialect dialect, int size, long waitSeconds) throws SQLException {
        if (size < 1) {
            throw new IllegalArgumentException("the pool size must be at least 1, not " + size);
        }
        this.url = url;
        this.dialect = dialect;
        this.permits = new Semaphore(size, true);
        this.waitSeconds = waitSeconds;
        release(open()); // fails at once on a bad URL
    }

    /** A connection for the caller alone, in auto-commit mode; give it back with {@link #release}. */
    Connection acquire() throws SQLException, InterruptedException {
        if (!permits.tryAcquire(waitSeconds, TimeUnit.SECONDS)) {
            throw new PgException(SqlState.TOO_MANY_CONNECTIONS, "all " + all.size() + " connections to "
                    + dialect.name() + " are in use (--pool-size)");
        }
        try {
            Connection c;
            synchronized (this) {
                c = idle.pollFirst();
            }
            return c != null ? c : open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Gives a connection back; one left in a transaction is rolled back first, a broken one is closed. */
    void release(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            synchronized (this) {
                if (!closed) {
                    idle.addFirst(c);
                    c = null;
                }
            }
        } catch (SQLException e) {
            synchronized (this) {
                if (c == first && !closed) { // DuckDB's further connections are made from this one: keep it
                    idle.addLast(c);
                    c = null;
                } else {
                    all.remove(c);
                }
            }
        } finally {
            if (c != null) {
                closeQuietly(c);
            }
            permits.release();
        }
    }

    private Connection open() throws SQLException {
        Connection c;
        synchronized (this) {
            c = dialect.connect(url, first);
            if (first == null) {
                first = c;
            }
            all.add(c);
        }
        try (Statement s = c.createStatement()) {
            for (String sql : dialect.setup()) {
                s.execute(sql);
            }
        }
        return c;
    }

    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        for (Connection c : toClose) {
            if (c != first) {
                closeQuietly(c);
            }
        }
        if (first != null) {
            closeQuietly(first);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
