package io.pgserve.engine.catalog;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.SqlState;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * The two servers the client differential tests compare with PostgreSQL: memdb with schema.sql built in it, and a
 * raw handler that only has a catalog ({@link CatalogHandler} over {@link CatalogGoldenTest#rawModel()}). Both
 * advertise PostgreSQL 15, whose catalog they emulate and whose answers the goldens hold. A test class extends
 * {@link Base} to have them started before its tests and closed after.
 */
final class CatalogServers implements AutoCloseable {
    /** Starts {@link #servers} before the class's tests, closes them after (one test instance per class). */
    @org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
    abstract static class Base {
        CatalogServers servers;

        @org.junit.jupiter.api.BeforeAll
        void startServers() throws Exception {
            servers = new CatalogServers();
        }

        @org.junit.jupiter.api.AfterAll
        void stopServers() {
            if (servers != null) {
                servers.close();
            }
        }
    }

    /** A raw handler's queries when it only has a catalog: every query that is not a catalog query fails. */
    static final QueryHandlerFactory CATALOG_ONLY = session -> query -> {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this handler only has a catalog");
    };

    /** The database the goldens were recorded in. */
    static final String DATABASE = "pgserve_catalog_goldens";
    final PgServer memdb;
    final PgServer raw;

    CatalogServers() throws Exception {
        this("15.0", DATABASE, CatalogGoldenTest.schemaStatements(), CatalogGoldenTest.rawModel(), CATALOG_ONLY);
    }

    /**
     * memdb (advertising {@code serverVersion}, PgServer's own when null) with {@code schema} run in
     * {@code database}, and a raw handler answering {@code raw}'s queries behind a {@link CatalogHandler} over
     * {@code model}.
     */
    CatalogServers(String serverVersion, String database, List<String> schema, SchemaModel model,
                   QueryHandlerFactory raw) throws Exception {
        memdb = start(serverVersion, SqlEngine.memdb());
        try {
            this.raw = start(serverVersion, CatalogHandler.wrap(raw, () -> model));
        } catch (Exception | Error e) {
            memdb.close();
            throw e;
        }
        try (Connection c = DriverManager.getConnection(memdb.jdbcUrl(database), "postgres", "");
             Statement s = c.createStatement()) {
            for (String statement : schema) {
                s.execute(statement); // CatalogGoldenTest checks that each of schema.sql's runs
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private static PgServer start(String serverVersion, QueryHandlerFactory handler) {
        PgServer.Builder b = PgServer.builder().host("127.0.0.1").port(0).handler(handler);
        if (serverVersion != null) {
            b.serverVersion(serverVersion);
        }
        return b.build().start();
    }

    @Override
    public void close() {
        try {
            memdb.close();
        } finally {
            raw.close();
        }
    }
}
