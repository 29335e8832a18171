package io.pgserve.engine.catalog;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.SqlState;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

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

    /** The database the goldens were recorded in. */
    static final String DATABASE = "pgserve_catalog_goldens";
    final PgServer memdb;
    final PgServer raw;

    CatalogServers() throws Exception {
        memdb = PgServer.builder().host("127.0.0.1").port(0).serverVersion("15.0").handler(SqlEngine.memdb())
                .build().start();
        SchemaModel model = CatalogGoldenTest.rawModel();
        raw = PgServer.builder().host("127.0.0.1").port(0).serverVersion("15.0")
                .handler(CatalogHandler.wrap(session -> query -> {
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this handler only has a catalog");
                }, () -> model)).build().start();
        try (Connection c = DriverManager.getConnection(memdb.jdbcUrl(DATABASE), "postgres", "");
             Statement s = c.createStatement()) {
            for (String statement : CatalogGoldenTest.schemaStatements()) {
                s.execute(statement); // CatalogGoldenTest checks that each runs
            }
        }
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
