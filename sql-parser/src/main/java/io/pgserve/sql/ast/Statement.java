package io.pgserve.sql.ast;

/** A whole statement. */
public sealed interface Statement extends Node permits Query, Insert, Update, Delete, CreateTable, CreateTableAs,
        AlterTable, Drop, CreateSchema, CreateIndex, CreateView, CreateSequence, AlterSequence, Truncate, Lock,
        Comment, Copy, SetVariable, SetTransaction, ResetVariable, Show, TransactionStatement, Prepare, Execute,
        Deallocate, DeclareCursor, Fetch, Close, Listen, Unlisten, Notify, Explain, Vacuum, Discard, Call, Do, Grant,
        CreateEnumType, AlterEnumType, OtherStatement {
}
