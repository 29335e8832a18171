/**
 * The COPY format layer, with no channel code: {@link io.pgserve.server.copy.CopyCommand} parses the statement,
 * {@link io.pgserve.server.copy.CopyDecoder} (with {@link io.pgserve.server.copy.CopyRowConverter}) reads COPY FROM
 * STDIN data into rows, {@link io.pgserve.server.copy.CopyEncoder} writes rows as COPY TO STDOUT data, all as
 * PostgreSQL 15 does (checked against its output in CopyFormatGoldenTest).
 */
package io.pgserve.server.copy;
