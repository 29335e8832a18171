package io.pgserve.sql.ast;

/** An item of FROM (or USING of DELETE, FROM of UPDATE). */
public sealed interface TableRef extends Node permits TableName, SubqueryTable, FunctionTable, Join {
}
