/**
 * Internal: not part of the public API. The shape cache behind {@link io.pgserve.sql.SqlParserCache}: a scanner
 * that finds a text's literals ({@link io.pgserve.sql.internal.SqlShape}), templates that rebuild a parsed tree
 * with other literal values and moved locations ({@link io.pgserve.sql.internal.ShapeTemplate}), and a deep
 * comparison that includes node locations ({@link io.pgserve.sql.internal.TreeEquality}).
 */
package io.pgserve.sql.internal;
