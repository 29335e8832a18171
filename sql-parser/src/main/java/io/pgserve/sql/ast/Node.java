package io.pgserve.sql.ast;

/** Any node of the syntax tree. */
public sealed interface Node permits Statement, QueryExpression, Expression, GroupingElement, TableRef, Alias,
        WithClause, CommonTableExpression, SelectItem, SortItem, WindowDefinition, WindowFrame, FrameBound,
        LockingClause, TypeName, IndirectionStep, WhenClause, FunctionArgument, SetTarget, SetClause, OnConflict,
        Option, TableElement, SequenceOption, AlterTableAction, IndexElement, VacuumTarget, Privilege {
    /** Where the node starts in the parsed text (not part of equality). */
    NodeLocation location();
}
