/**
 * pgserve's public API: {@link io.pgserve.server.PgServer} and the {@link io.pgserve.server.QueryHandler} SPI.
 *
 * <pre>{@code
 * PgServer server = PgServer.builder()
 *         .port(5432)
 *         .handler(session -> query -> {
 *             if (query.sql().equalsIgnoreCase("select 1")) {
 *                 return QueryResult.rows(List.of(Column.of("?column?", PgType.INT4)),
 *                         List.<Object[]>of(new Object[] {1}));
 *             }
 *             throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "not supported: " + query.sql());
 *         })
 *         .build()
 *         .start();
 * }</pre>
 *
 * Everything under {@code io.pgserve.server.internal} is implementation and may change without notice.
 */
package io.pgserve.server;
