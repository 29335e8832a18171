/**
 * The syntax tree of PostgreSQL statements, as {@link io.pgserve.sql.SqlParser} builds it.
 *
 * <p>Every type is immutable: records (lists are unmodifiable copies) under sealed interfaces, so that code can
 * switch over them exhaustively. The tree is close to PostgreSQL's raw parse tree ({@code parsenodes.h}): it
 * keeps what the statement says, not what it means (names are not resolved), and spellings that PostgreSQL's
 * grammar itself treats as the same give the same tree ({@code x::int}, {@code CAST(x AS integer)} and
 * {@code integer 'x'} are one {@link io.pgserve.sql.ast.TypeCast}; {@code LIMIT ALL} is {@code LIMIT NULL};
 * {@code TABLE t} is {@code SELECT * FROM t}; built-in type names become their {@code pg_catalog} names).
 *
 * <p>Every {@link io.pgserve.sql.ast.Node} has a {@link io.pgserve.sql.ast.NodeLocation} that is left out of
 * equality: two trees are equal when they say the same thing, wherever they came from.
 * {@link io.pgserve.sql.ast.Identifier} keeps the case-folded name and whether it was quoted.
 */
package io.pgserve.sql.ast;
