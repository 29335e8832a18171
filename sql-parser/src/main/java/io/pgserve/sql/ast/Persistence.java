package io.pgserve.sql.ast;

/** Whether a created table, view or sequence is permanent, {@code TEMPORARY} or {@code UNLOGGED}. */
public enum Persistence { PERMANENT, TEMPORARY, UNLOGGED }
