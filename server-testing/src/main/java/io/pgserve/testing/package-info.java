/**
 * pgserve as the PostgreSQL of an application's integration tests: {@link io.pgserve.testing.PgTestServer} starts an
 * in-memory PostgreSQL (memdb) in the test's JVM on a free port; {@link io.pgserve.testing.Stubbing} stubs
 * statements on top of it (rows, command tags, errors, delays, dropped connections, sequences); the statements
 * received are recorded for verification; {@link io.pgserve.testing.RestorePoint}s bring the data back between
 * tests. The JUnit 5 extension is in {@link io.pgserve.testing.junit}.
 *
 * <pre>{@code
 * try (PgTestServer pg = PgTestServer.builder().seed("classpath:db/migration").start()) {
 *     pg.stubFor(sql("SELECT 1").willReturn(rows(column("?column?", PgType.INT4)).row(1)));
 *     runTheApplication(pg.jdbcUrl());
 *     pg.verify(1, sql("SELECT 1"));
 * }
 * }</pre>
 */
package io.pgserve.testing;
