package io.pgserve.examples.bridge;

import io.pgserve.engine.catalog.CatalogHandler;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.SqlState;
import io.pgserve.sql.StatementAnalysis;
import io.pgserve.sql.ast.Identifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A JDBC engine (DuckDB, SQLite) behind the PostgreSQL protocol: PostgreSQL clients browse its tables through
 * pgserve's catalog (built from the engine's DatabaseMetaData) and run their queries on it, translated to its dialect.
 *
 * <pre>{@code
 * Bridge bridge = Bridge.open("jdbc:duckdb:/data/sales.duckdb", 8, Duration.ofMinutes(1));
 * PgServer server = PgServer.builder().port(5432).handler(bridge.handlerFactory()).build().start();
 * // psql -h 127.0.0.1 -c '\dt' -c 'SELECT date_trunc(''month'', ts), count(*) FROM orders GROUP BY 1'
 * }</pre>
 */
public final class Bridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bridge.class);

    private final EngineDialect dialect;
    private final EnginePool pool;
    private final EngineCatalog catalog;
    private final ScheduledExecutorService refresher;
    private volatile SchemaModel model = SchemaModel.EMPTY;

    private Bridge(String jdbcUrl, int poolSize, Duration refreshEvery) throws SQLException {
        this.dialect = EngineDialect.forUrl(jdbcUrl);
        this.pool = new EnginePool(jdbcUrl, dialect, poolSize, 30);
        this.catalog = new EngineCatalog(dialect);
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-catalog-refresh");
            t.setDaemon(true);
            return t;
        });
        long ms = refreshEvery.toMillis();
        if (ms > 0) {
            refresher.scheduleWithFixedDelay(this::refreshQuietly, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Connects to the engine at {@code jdbcUrl} with at most {@code poolSize} connections, and reads its schema now,
     * every {@code refreshEvery} (zero: never) and after each DDL statement that passes through.
     */
    public static Bridge open(String jdbcUrl, int poolSize, Duration refreshEvery) throws SQLException {
        return new Bridge(jdbcUrl, poolSize, refreshEvery);
    }

    /** The handler factory to give {@code PgServer.builder().handler(...)}: catalog queries answered by pgserve. */
    public QueryHandlerFactory handlerFactory() {
        return CatalogHandler.wrap(session -> new BridgeSession(this, session), () -> model, Bridge::namesEngineTables);
    }

    /**
     * Whether a query reads only the engine's tables (none of pg_catalog's or information_schema's): then it is the
     * engine's even when a word of it looks like a catalog one ({@code SELECT version FROM releases}).
     */
    static boolean namesEngineTables(Query query) {
        try {
            List<List<Identifier>> tables = StatementAnalysis.of(query.statement()).tables();
            return !tables.isEmpty() && tables.stream().allMatch(t -> {
                String schema = t.size() > 1 ? t.get(t.size() - 2).value() : null;
                return !"pg_catalog".equals(schema) && !"information_schema".equals(schema)
                        && !t.get(t.size() - 1).value().startsWith("pg_");
            });
        } catch (RuntimeException e) {
            return false; // a syntax error: reported by the session
        }
    }

    /** The engine's dialect. */
    public EngineDialect dialect() {
        return dialect;
    }

    /** The schema as the catalog shows it now. */
    public SchemaModel model() {
        return model;
    }

    /** Reads the engine's schema again (DatabaseMetaData through a pooled connection). */
    public void refresh() throws SQLException {
        Connection c;
        try {
            c = pool.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            model = catalog.read(c);
        } finally {
            pool.release(c);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            log.warn("could not read the schema of {}: {}", dialect.name(), e.getMessage());
        }
    }

    EnginePool pool() {
        return pool;
    }

    /** An engine error as PostgreSQL's: its SQLSTATE guessed from the engine's message, the message kept. */
    PgException error(SQLException e, Query query) {
        if (query != null && query.isCancelled()) {
            return new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String m = message.toLowerCase(Locale.ROOT);
        String state;
        if (m.contains("division by zero")) {
            return new PgException(SqlState.DIVISION_BY_ZERO, "division by zero", e);
        }
        if (m.contains("no such table") || m.contains("table with name") && m.contains("does not exist")) {
            state = SqlState.UNDEFINED_TABLE;
        } else if (m.contains("no such column") || m.contains("referenced column") || m.contains("column with name")) {
            state = SqlState.UNDEFINED_COLUMN;
        } else if (m.contains("no such function") || m.contains("function with name")) {
            state = SqlState.UNDEFINED_FUNCTION;
        } else if (m.contains("syntax error") || m.contains("parser error")) {
            state = SqlState.SYNTAX_ERROR;
        } else if (m.contains("unique constraint") || m.contains("duplicate key") || m.contains("primary key")) {
            state = "23505";
        } else if (m.contains("not null constraint")) {
            state = "23502";
        } else if (m.contains("foreign key")) {
            state = "23503";
        } else if (m.contains("already exists")) {
            state = "42P07";
        } else if (m.contains("conversion error") || m.contains("could not convert")) {
            state = SqlState.INVALID_TEXT_REPRESENTATION;
        } else if (m.contains("interrupt")) {
            state = SqlState.QUERY_CANCELED;
        } else if (m.contains("out of range") || m.contains("overflow")) {
            state = SqlState.NUMERIC_VALUE_OUT_OF_RANGE;
        } else if (m.contains("database is locked") || m.contains("conflict")) {
            state = SqlState.SERIALIZATION_FAILURE;
        } else if (e.getSQLState() != null && e.getSQLState().length() == 5 && !e.getSQLState().startsWith("HY")) {
            state = e.getSQLState();
        } else {
            state = SqlState.INTERNAL_ERROR;
        }
        return new PgException(state, dialect.name() + ": " + message, e);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS); // a refresh under way ends before its connection does
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }
}
