package io.pgserve.sql.ast;

/** An item of GROUP BY: an expression or a grouping set. */
public sealed interface GroupingElement extends Node permits Expression, GroupingSet {
}
