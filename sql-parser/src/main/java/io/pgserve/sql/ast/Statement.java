package io.pgserve.sql.ast;

/** A whole statement. */
public sealed interface Statement extends Node permits Query, Insert, Update, Delete, OtherStatement {
}
