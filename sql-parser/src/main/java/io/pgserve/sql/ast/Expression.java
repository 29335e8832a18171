package io.pgserve.sql.ast;

/** A value expression. */
public sealed interface Expression extends Node, GroupingElement permits ColumnRef, Parameter, NumericLiteral,
        StringLiteral, BitStringLiteral, BooleanLiteral, NullLiteral, TypeCast, BinaryOp, UnaryOp, LogicalExpr,
        NotExpr, NullTest, BooleanTest, DistinctFrom, Between, InList, InSubquery, Like, QuantifiedComparison,
        Exists, SubqueryExpr, ArraySubquery, ArrayConstructor, RowConstructor, Indirection, CaseExpr,
        FunctionCall, CoalesceExpr, MinMaxExpr, NullIfExpr, SqlValueFunction, CollateExpr, GroupingFunc,
        DefaultExpr {
}
