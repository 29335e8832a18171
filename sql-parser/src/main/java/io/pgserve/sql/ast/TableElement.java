package io.pgserve.sql.ast;

/** An element of CREATE TABLE's list: a column, a table constraint, or LIKE. */
public sealed interface TableElement extends Node permits ColumnDefinition, Constraint, TableLike {
}
