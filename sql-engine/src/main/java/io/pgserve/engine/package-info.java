/**
 * A SQL engine for pgserve: {@link io.pgserve.engine.SqlEngine} is a {@link io.pgserve.server.QueryHandlerFactory}
 * that runs SQL against a {@link io.pgserve.engine.Catalog} of {@link io.pgserve.engine.Table}s (the table SPI for user
 * data stores), with functions from a {@link io.pgserve.engine.FunctionRegistry} users can extend.
 * {@link io.pgserve.engine.memdb.MemDb} is a transactional in-memory catalog.
 */
package io.pgserve.engine;
