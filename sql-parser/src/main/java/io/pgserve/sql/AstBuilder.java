package io.pgserve.sql;

import io.pgserve.sql.ast.Alias;
import io.pgserve.sql.ast.ArrayConstructor;
import io.pgserve.sql.ast.ArraySubquery;
import io.pgserve.sql.ast.Between;
import io.pgserve.sql.ast.BinaryOp;
import io.pgserve.sql.ast.BitStringLiteral;
import io.pgserve.sql.ast.BooleanLiteral;
import io.pgserve.sql.ast.BooleanTest;
import io.pgserve.sql.ast.CaseExpr;
import io.pgserve.sql.ast.CoalesceExpr;
import io.pgserve.sql.ast.CollateExpr;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.CommonTableExpression;
import io.pgserve.sql.ast.DefaultExpr;
import io.pgserve.sql.ast.Delete;
import io.pgserve.sql.ast.DistinctFrom;
import io.pgserve.sql.ast.Exists;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FrameBound;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.FunctionTable;
import io.pgserve.sql.ast.GroupingElement;
import io.pgserve.sql.ast.GroupingFunc;
import io.pgserve.sql.ast.GroupingSet;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.InList;
import io.pgserve.sql.ast.InSubquery;
import io.pgserve.sql.ast.Indirection;
import io.pgserve.sql.ast.IndirectionStep;
import io.pgserve.sql.ast.Insert;
import io.pgserve.sql.ast.Join;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.LockingClause;
import io.pgserve.sql.ast.LogicalExpr;
import io.pgserve.sql.ast.MinMaxExpr;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.NotExpr;
import io.pgserve.sql.ast.NullIfExpr;
import io.pgserve.sql.ast.NullLiteral;
import io.pgserve.sql.ast.NullTest;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.OnConflict;
import io.pgserve.sql.ast.OperatorName;
import io.pgserve.sql.ast.Parameter;
import io.pgserve.sql.ast.QuantifiedComparison;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.QueryExpression;
import io.pgserve.sql.ast.RowConstructor;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SelectItem;
import io.pgserve.sql.ast.SetClause;
import io.pgserve.sql.ast.SetOperation;
import io.pgserve.sql.ast.SetTarget;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.SqlValueFunction;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.SubqueryExpr;
import io.pgserve.sql.ast.SubqueryTable;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.TableRef;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.TypeName;
import io.pgserve.sql.ast.UnaryOp;
import io.pgserve.sql.ast.Update;
import io.pgserve.sql.ast.Values;
import io.pgserve.sql.ast.WhenClause;
import io.pgserve.sql.ast.WindowDefinition;
import io.pgserve.sql.ast.WindowFrame;
import io.pgserve.sql.ast.WithClause;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a parse tree of {@code PostgreSqlParser} into the AST ({@link io.pgserve.sql.ast}), doing what gram.y's
 * actions do: folding names, decoding literals, mapping SQL-syntax functions and built-in type names to their
 * pg_catalog names, folding a minus sign into a number, flattening AND/OR chains, merging the clauses of a
 * parenthesized query into it. A few syntax errors are detected here rather than by the grammar (see
 * PostgreSqlParser.g4); they are reported like the parser's own.
 */
final class AstBuilder {
    private static final List<Identifier> PG_CATALOG = List.of(Identifier.of("pg_catalog"));

    Statement statement(StatementContext ctx) {
        WithClause with = ctx.withClause() == null ? null : withClause(ctx.withClause());
        StatementBodyContext body = ctx.statementBody();
        if (body instanceof SelectStatementContext c) {
            return selectNoWith(c.selectNoWith(), with, loc(ctx));
        } else if (body instanceof InsertStatementContext c) {
            return insert(c.insertStmt(), with, loc(ctx));
        } else if (body instanceof UpdateStatementContext c) {
            return update(c.updateStmt(), with, loc(ctx));
        } else if (body instanceof DeleteStatementContext c) {
            return delete(c.deleteStmt(), with, loc(ctx));
        }
        if (with != null) {
            // Only SELECT, INSERT, UPDATE and DELETE take a WITH clause.
            throw SqlParser.syntaxError(body.start);
        }
        return new UtilityAstBuilder(this).statement(body);
    }

    // -----------------------------------------------------------------------------------------------------
    // Queries

    Query query(QueryContext ctx) {
        WithClause with = ctx.withClause() == null ? null : withClause(ctx.withClause());
        return selectNoWith(ctx.selectNoWith(), with, loc(ctx));
    }

    private Query selectNoWith(SelectNoWithContext ctx, WithClause with, NodeLocation location) {
        QueryExpression body = queryTerm(ctx.queryTerm());
        List<SortItem> orderBy = ctx.sortClause() == null ? List.of() : sortClause(ctx.sortClause());
        Expression limit = null;
        Expression offset = null;
        boolean withTies = false;
        SelectLimitContext lim = ctx.selectLimit();
        if (lim != null) {
            LimitClauseContext lc = lim instanceof LimitOffsetContext c ? c.limitClause() : ((OffsetLimitContext) lim).limitClause();
            OffsetClauseContext oc = lim instanceof LimitOffsetContext c ? c.offsetClause() : ((OffsetLimitContext) lim).offsetClause();
            if (lc instanceof LimitAllContext c) {
                limit = new NullLiteral(loc(c.ALL().getSymbol()));
            } else if (lc instanceof LimitCountContext c) {
                limit = expr(c.aExpr());
            } else if (lc instanceof FetchFirstContext c) {
                limit = c.fetchFirstValue() == null ? new NumericLiteral("1", loc(c)) : fetchFirstValue(c.fetchFirstValue());
                withTies = c.TIES() != null;
            }
            if (oc != null) {
                offset = expr(oc.aExpr());
            }
        }
        List<LockingClause> locking = ctx.forLockingClause() == null ? List.of() : locking(ctx.forLockingClause());
        if (body instanceof Query inner) {
            // gram.y's insertSelectOptions: the clauses of "(SELECT ...) ORDER BY ..." go into the inner query.
            if (!orderBy.isEmpty() && !inner.orderBy().isEmpty()) {
                throw SqlParser.error("multiple ORDER BY clauses not allowed", ctx.sortClause().start);
            }
            if (offset != null && inner.offset() != null) {
                throw SqlParser.error("multiple OFFSET clauses not allowed", ctx.selectLimit().start);
            }
            if (limit != null && inner.limit() != null) {
                throw SqlParser.error("multiple LIMIT clauses not allowed", ctx.selectLimit().start);
            }
            if (with != null && inner.with() != null) {
                throw SqlParser.error("multiple WITH clauses not allowed", ctx.start);
            }
            if (!locking.isEmpty() && !inner.locking().isEmpty()) {
                throw SqlParser.error("multiple FOR UPDATE/FOR SHARE clauses not allowed", ctx.forLockingClause().start);
            }
            return new Query(with != null ? with : inner.with(), inner.body(),
                    orderBy.isEmpty() ? inner.orderBy() : orderBy, limit != null ? limit : inner.limit(),
                    offset != null ? offset : inner.offset(), withTies || inner.withTies(),
                    locking.isEmpty() ? inner.locking() : locking, location);
        }
        return new Query(with, body, orderBy, limit, offset, withTies, locking, location);
    }

    private Expression fetchFirstValue(FetchFirstValueContext ctx) {
        if (ctx instanceof FetchExprContext c) {
            return cExpr(c.cExpr());
        }
        FetchSignedContext c = (FetchSignedContext) ctx;
        Token number = c.ICONST() != null ? c.ICONST().getSymbol() : c.FCONST().getSymbol();
        NumericLiteral n = new NumericLiteral(number.getText(), loc(c));
        return c.sign.getType() == PostgreSqlLexer.MINUS ? negate(n) : n;
    }

    private QueryExpression queryTerm(QueryTermContext ctx) {
        if (ctx instanceof PrimaryTermContext c) {
            return queryPrimary(c.queryPrimary());
        } else if (ctx instanceof IntersectTermContext c) {
            return new SetOperation(SetOperation.Operator.INTERSECT, c.setQuantifier() instanceof SetAllContext,
                    queryTerm(c.left), queryTerm(c.right), loc(c));
        }
        UnionTermContext c = (UnionTermContext) ctx;
        SetOperation.Operator op = c.op.getType() == PostgreSqlLexer.UNION
                ? SetOperation.Operator.UNION : SetOperation.Operator.EXCEPT;
        return new SetOperation(op, c.setQuantifier() instanceof SetAllContext, queryTerm(c.left), queryTerm(c.right),
                loc(c));
    }

    private QueryExpression queryPrimary(QueryPrimaryContext ctx) {
        if (ctx instanceof SelectPrimaryContext c) {
            boolean distinct = c.distinctClause() != null;
            List<Expression> distinctOn = distinct && c.distinctClause().exprList() != null
                    ? exprList(c.distinctClause().exprList()) : List.of();
            List<SelectItem> targets = c.targetList() == null ? List.of() : targetList(c.targetList());
            List<TableRef> from = c.fromClause() == null ? List.of() : fromList(c.fromClause().fromList());
            Expression where = c.whereClause() == null ? null : expr(c.whereClause().aExpr());
            boolean groupDistinct = false;
            List<GroupingElement> groupBy = List.of();
            if (c.groupClause() != null) {
                groupDistinct = c.groupClause().setQuantifier() instanceof SetDistinctContext;
                groupBy = map(c.groupClause().groupByItem(), this::groupByItem);
            }
            Expression having = c.havingClause() == null ? null : expr(c.havingClause().aExpr());
            List<WindowDefinition> windows = c.windowClause() == null ? List.of()
                    : map(c.windowClause().windowDefinition(),
                            w -> windowSpecification(w.windowSpecification(), colId(w.colId()), loc(w)));
            return new Select(distinct, distinctOn, targets, from, where, groupDistinct, groupBy, having, windows,
                    loc(c));
        } else if (ctx instanceof ValuesPrimaryContext c) {
            return new Values(map(c.valuesRow(), r -> exprList(r.exprList())), loc(c));
        } else if (ctx instanceof TablePrimaryContext c) {
            // TABLE t is SELECT * FROM t.
            NodeLocation l = loc(c);
            return new Select(false, List.of(), List.of(new SelectItem(new ColumnRef(List.of(), true, l), null, l)),
                    List.of(relation(c.relationExpr(), null)), null, false, List.of(), null, List.of(), l);
        }
        Query q = query(((ParenPrimaryContext) ctx).parenQuery().query());
        return q.isBare() ? q.body() : q;
    }

    private List<SelectItem> targetList(TargetListContext ctx) {
        return map(ctx.targetElement(), this::targetElement);
    }

    private SelectItem targetElement(TargetElementContext ctx) {
        if (ctx instanceof AliasedTargetContext c) {
            return new SelectItem(expr(c.aExpr()), name(c.colLabel()), loc(c));
        } else if (ctx instanceof BareAliasedTargetContext c) {
            return new SelectItem(expr(c.aExpr()), name(c.bareColLabel()), loc(c));
        } else if (ctx instanceof PlainTargetContext c) {
            return new SelectItem(expr(c.aExpr()), null, loc(c));
        }
        return new SelectItem(new ColumnRef(List.of(), true, loc(ctx)), null, loc(ctx));
    }

    private WithClause withClause(WithClauseContext ctx) {
        return new WithClause(ctx.RECURSIVE() != null, map(ctx.commonTableExpr(), c -> {
            CommonTableExpression.Materialized m = c.MATERIALIZED() == null ? CommonTableExpression.Materialized.DEFAULT
                    : c.NOT() != null ? CommonTableExpression.Materialized.NOT_MATERIALIZED
                    : CommonTableExpression.Materialized.MATERIALIZED;
            return new CommonTableExpression(colId(c.colId()), c.nameList() == null ? List.of() : nameList(c.nameList()),
                    m, statement(c.statement()), loc(c));
        }), loc(ctx));
    }

    private List<TableRef> fromList(FromListContext ctx) {
        return map(ctx.tableRef(), this::tableRef);
    }

    private TableRef tableRef(TableRefContext ctx) {
        if (ctx instanceof RelationRefContext c) {
            return relation(c.relationExpr(), c.aliasClause());
        } else if (ctx instanceof FunctionRefContext c) {
            FuncTableContext f = c.funcTable();
            return new FunctionTable(funcExprWindowless(f.funcExprWindowless()), c.LATERAL_P() != null,
                    f.ORDINALITY() != null, alias(c.aliasClause()), loc(c));
        } else if (ctx instanceof SubqueryRefContext c) {
            return new SubqueryTable(query(c.parenQuery().query()), c.LATERAL_P() != null, alias(c.aliasClause()),
                    loc(c));
        } else if (ctx instanceof ParenRefContext c) {
            TableRef inner = tableRef(c.tableRef());
            if (!(inner instanceof Join j)) {
                throw SqlParser.syntaxError(c.CLOSE_PAREN().getSymbol());
            }
            if (c.aliasClause() == null) {
                return j;
            }
            if (j.alias() != null) {
                throw SqlParser.syntaxError(c.aliasClause().start);
            }
            return new Join(j.type(), j.natural(), j.left(), j.right(), j.on(), j.using(), j.usingAlias(),
                    alias(c.aliasClause()), loc(c));
        } else if (ctx instanceof CrossJoinContext c) {
            return new Join(Join.Type.CROSS, false, tableRef(c.left), tableRef(c.right), null, List.of(), null, null,
                    loc(c));
        } else if (ctx instanceof NaturalJoinContext c) {
            return new Join(joinType(c.joinType()), true, tableRef(c.left), tableRef(c.right), null, List.of(), null,
                    null, loc(c));
        }
        QualifiedJoinContext c = (QualifiedJoinContext) ctx;
        TableRef left = tableRef(c.left);
        TableRef right = tableRef(c.right);
        if (c.joinQual() instanceof UsingQualContext u) {
            return new Join(joinType(c.joinType()), false, left, right, null, nameList(u.nameList()),
                    u.colId() == null ? null : colId(u.colId()), null, loc(c));
        }
        return new Join(joinType(c.joinType()), false, left, right, expr(((OnQualContext) c.joinQual()).aExpr()),
                List.of(), null, null, loc(c));
    }

    private static Join.Type joinType(JoinTypeContext ctx) {
        if (ctx == null || ctx instanceof InnerJoinContext) {
            return Join.Type.INNER;
        } else if (ctx instanceof LeftJoinContext) {
            return Join.Type.LEFT;
        } else if (ctx instanceof RightJoinContext) {
            return Join.Type.RIGHT;
        }
        return Join.Type.FULL;
    }

    TableName relation(RelationExprContext ctx, AliasClauseContext alias) {
        if (ctx instanceof InheritRelationContext c) {
            return new TableName(qualifiedName(c.qualifiedName()), false, alias(alias), loc(ctx));
        } else if (ctx instanceof OnlyRelationContext c) {
            return new TableName(qualifiedName(c.qualifiedName()), true, alias(alias), loc(ctx));
        }
        return new TableName(qualifiedName(((OnlyParenRelationContext) ctx).qualifiedName()), true, alias(alias),
                loc(ctx));
    }

    private Alias alias(AliasClauseContext ctx) {
        if (ctx == null) {
            return null;
        }
        return new Alias(colId(ctx.colId()), ctx.nameList() == null ? List.of() : nameList(ctx.nameList()), loc(ctx));
    }

    private GroupingElement groupByItem(GroupByItemContext ctx) {
        if (ctx instanceof EmptyGroupingSetContext) {
            return new GroupingSet(GroupingSet.Kind.EMPTY, List.of(), loc(ctx));
        } else if (ctx instanceof CubeGroupingSetContext c) {
            return new GroupingSet(GroupingSet.Kind.CUBE, List.copyOf(exprList(c.exprList())), loc(ctx));
        } else if (ctx instanceof RollupGroupingSetContext c) {
            return new GroupingSet(GroupingSet.Kind.ROLLUP, List.copyOf(exprList(c.exprList())), loc(ctx));
        } else if (ctx instanceof GroupingSetsContext c) {
            return new GroupingSet(GroupingSet.Kind.SETS, map(c.groupByItem(), this::groupByItem), loc(ctx));
        }
        return expr(((GroupByExprContext) ctx).aExpr());
    }

    private WindowDefinition windowSpecification(WindowSpecificationContext ctx, Identifier name, NodeLocation l) {
        Identifier ref = ctx.colId() == null ? null : colId(ctx.colId());
        List<Expression> partition = ctx.exprList() == null ? List.of() : exprList(ctx.exprList());
        List<SortItem> order = ctx.sortClause() == null ? List.of() : sortClause(ctx.sortClause());
        WindowFrame frame = null;
        FrameClauseContext f = ctx.frameClause();
        if (f != null) {
            WindowFrame.Mode mode = switch (f.frameMode.getType()) {
                case PostgreSqlLexer.RANGE -> WindowFrame.Mode.RANGE;
                case PostgreSqlLexer.ROWS -> WindowFrame.Mode.ROWS;
                default -> WindowFrame.Mode.GROUPS;
            };
            WindowFrame.Exclusion exclusion = WindowFrame.Exclusion.NONE;
            FrameExclusionContext e = f.frameExclusion();
            if (e instanceof ExcludeCurrentRowContext) {
                exclusion = WindowFrame.Exclusion.CURRENT_ROW;
            } else if (e instanceof ExcludeGroupContext) {
                exclusion = WindowFrame.Exclusion.GROUP;
            } else if (e instanceof ExcludeTiesContext) {
                exclusion = WindowFrame.Exclusion.TIES;
            } else if (e instanceof ExcludeNoOthersContext) {
                exclusion = WindowFrame.Exclusion.NO_OTHERS;
            }
            frame = new WindowFrame(mode, frameBound(f.frameStart), f.frameEnd == null ? null : frameBound(f.frameEnd),
                    exclusion, loc(f));
        }
        return new WindowDefinition(name, ref, partition, order, frame, l);
    }

    private FrameBound frameBound(FrameBoundContext ctx) {
        if (ctx instanceof UnboundedPrecedingContext) {
            return new FrameBound(FrameBound.Kind.UNBOUNDED_PRECEDING, null, loc(ctx));
        } else if (ctx instanceof UnboundedFollowingContext) {
            return new FrameBound(FrameBound.Kind.UNBOUNDED_FOLLOWING, null, loc(ctx));
        } else if (ctx instanceof CurrentRowContext) {
            return new FrameBound(FrameBound.Kind.CURRENT_ROW, null, loc(ctx));
        } else if (ctx instanceof OffsetPrecedingContext c) {
            return new FrameBound(FrameBound.Kind.PRECEDING, expr(c.aExpr()), loc(ctx));
        }
        return new FrameBound(FrameBound.Kind.FOLLOWING, expr(((OffsetFollowingContext) ctx).aExpr()), loc(ctx));
    }

    private List<SortItem> sortClause(SortClauseContext ctx) {
        return map(ctx.sortBy(), s -> {
            SortItem.Direction dir = s.ASC() != null ? SortItem.Direction.ASC : s.DESC() != null
                    ? SortItem.Direction.DESC : s.USING() != null ? SortItem.Direction.USING : SortItem.Direction.DEFAULT;
            OperatorName op = s.qualAllOp() == null ? null : qualAllOp(s.qualAllOp());
            SortItem.Nulls nulls = s.NULLS_P() == null ? SortItem.Nulls.DEFAULT
                    : s.FIRST_P() != null ? SortItem.Nulls.FIRST : SortItem.Nulls.LAST;
            return new SortItem(expr(s.aExpr()), dir, op, nulls, loc(s));
        });
    }

    private List<LockingClause> locking(ForLockingClauseContext ctx) {
        if (ctx instanceof ReadOnlyContext) {
            return List.of();
        }
        return map(((LockingItemsContext) ctx).forLockingItem(), i -> {
            LockStrengthContext s = i.lockStrength();
            LockingClause.Strength strength = s instanceof ForUpdateContext ? LockingClause.Strength.UPDATE
                    : s instanceof ForNoKeyUpdateContext ? LockingClause.Strength.NO_KEY_UPDATE
                    : s instanceof ForShareContext ? LockingClause.Strength.SHARE : LockingClause.Strength.KEY_SHARE;
            LockingClause.WaitPolicy wait = i.NOWAIT() != null ? LockingClause.WaitPolicy.NOWAIT
                    : i.LOCKED() != null ? LockingClause.WaitPolicy.SKIP_LOCKED : LockingClause.WaitPolicy.BLOCK;
            return new LockingClause(strength, map(i.qualifiedName(), this::qualifiedName), wait, loc(i));
        });
    }

    // -----------------------------------------------------------------------------------------------------
    // INSERT, UPDATE, DELETE

    private Insert insert(InsertStmtContext ctx, WithClause with, NodeLocation location) {
        List<Identifier> table = qualifiedName(ctx.qualifiedName());
        Identifier alias = ctx.colId() == null ? null : colId(ctx.colId());
        List<SetTarget> columns = List.of();
        Insert.Overriding overriding = Insert.Overriding.NONE;
        Query source = null;
        if (ctx.insertRest() instanceof InsertQueryContext c) {
            columns = map(c.setTarget(), this::setTarget);
            if (c.override != null) {
                overriding = c.override.getType() == PostgreSqlLexer.USER
                        ? Insert.Overriding.USER_VALUE : Insert.Overriding.SYSTEM_VALUE;
            }
            source = query(c.query());
        }
        OnConflict onConflict = ctx.onConflict() == null ? null : onConflict(ctx.onConflict());
        List<SelectItem> returning = ctx.returningClause() == null ? List.of() : targetList(ctx.returningClause().targetList());
        return new Insert(with, table, alias, columns, overriding, source, onConflict, returning, location);
    }

    private OnConflict onConflict(OnConflictContext ctx) {
        ConflictTargetContext target;
        boolean doUpdate = ctx instanceof ConflictDoUpdateContext;
        List<SetClause> set = List.of();
        Expression where = null;
        if (ctx instanceof ConflictDoUpdateContext c) {
            target = c.conflictTarget();
            set = setClauses(c.setClauseList());
            where = c.whereClause() == null ? null : expr(c.whereClause().aExpr());
        } else {
            target = ((ConflictDoNothingContext) ctx).conflictTarget();
        }
        List<Expression> columns = List.of();
        Expression targetWhere = null;
        Identifier constraint = null;
        if (target instanceof ConflictColumnsContext c) {
            columns = map(c.indexElement(), this::indexElement);
            targetWhere = c.whereClause() == null ? null : expr(c.whereClause().aExpr());
        } else if (target instanceof ConflictConstraintContext c) {
            constraint = colId(c.colId());
        }
        return new OnConflict(columns, targetWhere, constraint, doUpdate, set, where, loc(ctx));
    }

    /** A column, function call or parenthesized expression of an index, with its COLLATE. */
    Expression indexElement(IndexElementContext e) {
        Expression x;
        if (e.colId() != null) {
            x = new ColumnRef(List.of(colId(e.colId())), false, loc(e));
        } else if (e.funcExprWindowless() != null) {
            x = funcExprWindowless(e.funcExprWindowless());
        } else {
            x = expr(e.aExpr());
        }
        return e.anyName() == null ? x : new CollateExpr(x, anyName(e.anyName()), loc(e));
    }

    private Update update(UpdateStmtContext ctx, WithClause with, NodeLocation location) {
        TableName table = relationWithAlias(ctx.relationExpr(), ctx.colId());
        List<TableRef> from = ctx.fromClause() == null ? List.of() : fromList(ctx.fromClause().fromList());
        Expression where = null;
        Identifier currentOf = null;
        WhereOrCurrentClauseContext w = ctx.whereOrCurrentClause();
        if (w instanceof WhereCurrentOfContext c) {
            currentOf = colId(c.colId());
        } else if (w != null) {
            where = expr(((WhereConditionContext) w).aExpr());
        }
        List<SelectItem> returning = ctx.returningClause() == null ? List.of() : targetList(ctx.returningClause().targetList());
        return new Update(with, table, setClauses(ctx.setClauseList()), from, where, currentOf, returning, location);
    }

    private Delete delete(DeleteStmtContext ctx, WithClause with, NodeLocation location) {
        TableName table = relationWithAlias(ctx.relationExpr(), ctx.colId());
        List<TableRef> using = ctx.fromList() == null ? List.of() : fromList(ctx.fromList());
        Expression where = null;
        Identifier currentOf = null;
        WhereOrCurrentClauseContext w = ctx.whereOrCurrentClause();
        if (w instanceof WhereCurrentOfContext c) {
            currentOf = colId(c.colId());
        } else if (w != null) {
            where = expr(((WhereConditionContext) w).aExpr());
        }
        List<SelectItem> returning = ctx.returningClause() == null ? List.of() : targetList(ctx.returningClause().targetList());
        return new Delete(with, table, using, where, currentOf, returning, location);
    }

    private TableName relationWithAlias(RelationExprContext rel, ColIdContext alias) {
        TableName t = relation(rel, null);
        if (alias == null) {
            return t;
        }
        return new TableName(t.name(), t.only(), new Alias(colId(alias), List.of(), loc(alias)), t.location());
    }

    private List<SetClause> setClauses(SetClauseListContext ctx) {
        return map(ctx.setClause(), s -> {
            if (s instanceof SingleSetContext c) {
                return new SetClause(List.of(setTarget(c.setTarget())), expr(c.aExpr()), false, loc(c));
            }
            MultipleSetContext c = (MultipleSetContext) s;
            return new SetClause(map(c.setTarget(), this::setTarget), expr(c.aExpr()), true, loc(c));
        });
    }

    private SetTarget setTarget(SetTargetContext ctx) {
        List<IndirectionStep> steps = map(ctx.indirectionStep(), this::indirectionStep);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof IndirectionStep.Star) {
                throw SqlParser.error("improper use of \"*\"", ctx.indirectionStep(i).start);
            }
        }
        return new SetTarget(colId(ctx.colId()), steps, loc(ctx));
    }

    // -----------------------------------------------------------------------------------------------------
    // Expressions

    List<Expression> exprList(ExprListContext ctx) {
        return map(ctx.aExpr(), this::expr);
    }

    Expression expr(AExprContext ctx) {
        if (ctx instanceof APrimaryContext c) {
            return cExpr(c.cExpr());
        } else if (ctx instanceof ATypecastContext c) {
            return new TypeCast(expr(c.aExpr()), typename(c.typename()), loc(c.TYPECAST().getSymbol()));
        } else if (ctx instanceof ASignContext c) {
            return sign(c.sign, expr(c.aExpr()), loc(c));
        } else if (ctx instanceof ACollateContext c) {
            return new CollateExpr(expr(c.aExpr()), anyName(c.anyName()), loc(c.COLLATE().getSymbol()));
        } else if (ctx instanceof AAtTimeZoneContext c) {
            return call(loc(c.AT().getSymbol()), "timezone", expr(c.aExpr(1)), expr(c.aExpr(0)));
        } else if (ctx instanceof APowerContext c) {
            return binary(c.aExpr(0), c.CARET().getSymbol(), c.aExpr(1));
        } else if (ctx instanceof AMultiplyContext c) {
            return binary(c.aExpr(0), c.op, c.aExpr(1));
        } else if (ctx instanceof AAddContext c) {
            return binary(c.aExpr(0), c.op, c.aExpr(1));
        } else if (ctx instanceof AComparisonContext c) {
            return binary(c.aExpr(0), c.op, c.aExpr(1));
        } else if (ctx instanceof ABinaryOpContext c) {
            return new BinaryOp(expr(c.aExpr(0)), qualOp(c.qualOp()), expr(c.aExpr(1)), loc(c.qualOp()));
        } else if (ctx instanceof APrefixOpContext c) {
            return new UnaryOp(qualOp(c.qualOp()), expr(c.aExpr()), loc(c));
        } else if (ctx instanceof AEscapeContext c) {
            throw SqlParser.syntaxError(c.ESCAPE().getSymbol());
        } else if (ctx instanceof ALikeContext c) {
            Like.Kind kind = c.op.getType() == PostgreSqlLexer.LIKE ? Like.Kind.LIKE : Like.Kind.ILIKE;
            return like(c.aExpr(0), kind, c.aExpr(1), c.NOT() != null, loc(c.op));
        } else if (ctx instanceof ASimilarContext c) {
            return like(c.aExpr(0), Like.Kind.SIMILAR_TO, c.aExpr(1), c.NOT() != null, loc(c.SIMILAR().getSymbol()));
        } else if (ctx instanceof ABetweenContext c) {
            return new Between(expr(c.aExpr(0)), expr(c.bExpr()), expr(c.aExpr(1)), c.NOT() != null,
                    c.SYMMETRIC() != null, loc(c.BETWEEN().getSymbol()));
        } else if (ctx instanceof AInContext c) {
            if (c.parenQuery() != null) {
                return new InSubquery(expr(c.aExpr()), query(c.parenQuery().query()), c.NOT() != null,
                        loc(c.IN_P().getSymbol()));
            }
            return new InList(expr(c.aExpr()), exprList(c.exprList()), c.NOT() != null, loc(c.IN_P().getSymbol()));
        } else if (ctx instanceof AQuantifiedContext c) {
            QuantifiedComparison.Quantifier q = c.quantifier.getType() == PostgreSqlLexer.ALL
                    ? QuantifiedComparison.Quantifier.ALL : QuantifiedComparison.Quantifier.ANY;
            Expression right = c.parenQuery() != null
                    ? new SubqueryExpr(query(c.parenQuery().query()), loc(c.parenQuery())) : expr(c.aExpr(1));
            return new QuantifiedComparison(expr(c.aExpr(0)), subqueryOp(c.subqueryOp()), q, right, loc(c.subqueryOp()));
        } else if (ctx instanceof AIsTestContext c) {
            Expression operand = expr(c.aExpr());
            boolean not = c.NOT() != null;
            return switch (c.test.getType()) {
                case PostgreSqlLexer.NULL_P -> new NullTest(operand, not, loc(c.IS().getSymbol()));
                case PostgreSqlLexer.TRUE_P -> new BooleanTest(operand, BooleanTest.Value.TRUE, not, loc(c.IS().getSymbol()));
                case PostgreSqlLexer.FALSE_P -> new BooleanTest(operand, BooleanTest.Value.FALSE, not, loc(c.IS().getSymbol()));
                default -> new BooleanTest(operand, BooleanTest.Value.UNKNOWN, not, loc(c.IS().getSymbol()));
            };
        } else if (ctx instanceof ANullTestContext c) {
            return new NullTest(expr(c.aExpr()), c.test.getType() == PostgreSqlLexer.NOTNULL, loc(c.test));
        } else if (ctx instanceof ADistinctFromContext c) {
            return new DistinctFrom(expr(c.aExpr(0)), expr(c.aExpr(1)), c.NOT() != null, loc(c.IS().getSymbol()));
        } else if (ctx instanceof ANotContext c) {
            return new NotExpr(expr(c.aExpr()), loc(c));
        } else if (ctx instanceof AAndContext c) {
            return logical(LogicalExpr.Operator.AND, expr(c.aExpr(0)), expr(c.aExpr(1)), loc(c.AND().getSymbol()));
        } else if (ctx instanceof AOrContext c) {
            return logical(LogicalExpr.Operator.OR, expr(c.aExpr(0)), expr(c.aExpr(1)), loc(c.OR().getSymbol()));
        }
        return new DefaultExpr(loc(ctx));
    }

    Expression expr(BExprContext ctx) {
        if (ctx instanceof BPrimaryContext c) {
            return cExpr(c.cExpr());
        } else if (ctx instanceof BTypecastContext c) {
            return new TypeCast(expr(c.bExpr()), typename(c.typename()), loc(c.TYPECAST().getSymbol()));
        } else if (ctx instanceof BSignContext c) {
            return sign(c.sign, expr(c.bExpr()), loc(c));
        } else if (ctx instanceof BPowerContext c) {
            return binary(c.bExpr(0), c.CARET().getSymbol(), c.bExpr(1));
        } else if (ctx instanceof BMultiplyContext c) {
            return binary(c.bExpr(0), c.op, c.bExpr(1));
        } else if (ctx instanceof BAddContext c) {
            return binary(c.bExpr(0), c.op, c.bExpr(1));
        } else if (ctx instanceof BComparisonContext c) {
            return binary(c.bExpr(0), c.op, c.bExpr(1));
        } else if (ctx instanceof BBinaryOpContext c) {
            return new BinaryOp(expr(c.bExpr(0)), qualOp(c.qualOp()), expr(c.bExpr(1)), loc(c.qualOp()));
        } else if (ctx instanceof BPrefixOpContext c) {
            return new UnaryOp(qualOp(c.qualOp()), expr(c.bExpr()), loc(c));
        }
        BDistinctFromContext c = (BDistinctFromContext) ctx;
        return new DistinctFrom(expr(c.bExpr(0)), expr(c.bExpr(1)), c.NOT() != null, loc(c.IS().getSymbol()));
    }

    private Expression binary(ParserRuleContext left, Token op, ParserRuleContext right) {
        String symbol = op.getType() == PostgreSqlLexer.NOT_EQUALS ? "<>" : op.getText();
        return new BinaryOp(anyExpr(left), OperatorName.of(symbol), anyExpr(right), loc(op));
    }

    private Expression anyExpr(ParserRuleContext ctx) {
        return ctx instanceof AExprContext a ? expr(a) : expr((BExprContext) ctx);
    }

    private static Expression sign(Token sign, Expression operand, NodeLocation l) {
        if (sign.getType() == PostgreSqlLexer.MINUS) {
            if (operand instanceof NumericLiteral n) {
                return negate(new NumericLiteral(n.value(), l));
            }
            return new UnaryOp(OperatorName.of("-"), operand, l);
        }
        return new UnaryOp(OperatorName.of("+"), operand, l);
    }

    /** gram.y's doNegate: a minus sign before a number is part of the number. */
    private static NumericLiteral negate(NumericLiteral n) {
        String v = n.value();
        return new NumericLiteral(v.startsWith("-") ? v.substring(1) : "-" + v, n.location());
    }

    private static Expression logical(LogicalExpr.Operator op, Expression left, Expression right, NodeLocation l) {
        if (left instanceof LogicalExpr le && le.operator() == op) {
            List<Expression> operands = new ArrayList<>(le.operands());
            operands.add(right);
            return new LogicalExpr(op, operands, le.location());
        }
        return new LogicalExpr(op, List.of(left, right), l);
    }

    private Expression like(AExprContext operand, Like.Kind kind, AExprContext pattern, boolean not, NodeLocation l) {
        Expression escape = null;
        Expression pat;
        if (pattern instanceof AEscapeContext e) {
            if (e.aExpr(0) instanceof AEscapeContext) {
                throw SqlParser.syntaxError(e.ESCAPE().getSymbol());
            }
            pat = expr(e.aExpr(0));
            escape = expr(e.aExpr(1));
        } else {
            pat = expr(pattern);
        }
        return new Like(expr(operand), kind, pat, escape, not, l);
    }

    private Expression cExpr(CExprContext ctx) {
        if (ctx instanceof ColumnRefExprContext c) {
            return columnRef(c.columnRef());
        } else if (ctx instanceof ConstExprContext c) {
            return constant(c.aexprConst());
        } else if (ctx instanceof ParamExprContext c) {
            Token p = c.PARAM().getSymbol();
            Expression param = new Parameter(Integer.parseInt(p.getText().substring(1)), loc(p));
            return withIndirection(param, c.indirectionStep());
        } else if (ctx instanceof SubqueryExprContext c) {
            return withIndirection(new SubqueryExpr(query(c.parenQuery().query()), loc(c)), c.indirectionStep());
        } else if (ctx instanceof ParenExprContext c) {
            if (c.exprList() != null) {
                if (!c.indirectionStep().isEmpty()) {
                    throw SqlParser.syntaxError(c.indirectionStep(0).start);
                }
                List<Expression> fields = new ArrayList<>();
                fields.add(expr(c.aExpr()));
                fields.addAll(exprList(c.exprList()));
                return new RowConstructor(fields, false, loc(c));
            }
            return withIndirection(expr(c.aExpr()), c.indirectionStep());
        } else if (ctx instanceof CaseExpressionContext c) {
            CaseExprContext k = c.caseExpr();
            int n = k.WHEN().size();
            List<WhenClause> whens = new ArrayList<>(n);
            int first = k.aExpr().size() - 2 * n - (k.ELSE() != null ? 1 : 0);
            for (int i = 0; i < n; i++) {
                whens.add(new WhenClause(expr(k.aExpr(first + 2 * i)), expr(k.aExpr(first + 2 * i + 1)),
                        loc(k.WHEN(i).getSymbol())));
            }
            return new CaseExpr(first == 1 ? expr(k.aExpr(0)) : null, whens,
                    k.ELSE() != null ? expr(k.aExpr(k.aExpr().size() - 1)) : null, loc(c));
        } else if (ctx instanceof FunctionExprContext c) {
            return funcExpr(c.funcExpr());
        } else if (ctx instanceof ExistsExprContext c) {
            return new Exists(query(c.parenQuery().query()), loc(c));
        } else if (ctx instanceof ArraySubqueryExprContext c) {
            return new ArraySubquery(query(c.parenQuery().query()), loc(c));
        } else if (ctx instanceof ArrayConstructorExprContext c) {
            return arrayExpr(c.arrayExpr(), loc(c));
        } else if (ctx instanceof RowExprContext c) {
            return new RowConstructor(c.exprList() == null ? List.of() : exprList(c.exprList()), true, loc(c));
        }
        GroupingExprContext c = (GroupingExprContext) ctx;
        return new GroupingFunc(exprList(c.exprList()), loc(c));
    }

    private ArrayConstructor arrayExpr(ArrayExprContext ctx, NodeLocation l) {
        if (ctx.exprList() != null) {
            return new ArrayConstructor(exprList(ctx.exprList()), l);
        }
        return new ArrayConstructor(map(ctx.arrayExpr(), a -> arrayExpr(a, loc(a))), l);
    }

    private Expression columnRef(ColumnRefContext ctx) {
        List<Identifier> names = new ArrayList<>();
        names.add(colId(ctx.colId()));
        List<IndirectionStepContext> steps = ctx.indirectionStep();
        int i = 0;
        boolean star = false;
        for (; i < steps.size(); i++) {
            IndirectionStepContext s = steps.get(i);
            if (s instanceof FieldStepContext f) {
                names.add(name(f.colLabel()));
            } else if (s instanceof StarStepContext) {
                star = true;
                i++;
                break;
            } else {
                break;
            }
        }
        ColumnRef ref = new ColumnRef(names, star, loc(ctx));
        List<IndirectionStepContext> rest = steps.subList(i, steps.size());
        if (star && !rest.isEmpty()) {
            throw SqlParser.error("improper use of \"*\"", steps.get(i - 1).start);
        }
        return withIndirection(ref, rest);
    }

    private Expression withIndirection(Expression base, List<IndirectionStepContext> steps) {
        if (steps.isEmpty()) {
            return base;
        }
        return new Indirection(base, map(steps, this::indirectionStep), base.location());
    }

    private IndirectionStep indirectionStep(IndirectionStepContext ctx) {
        if (ctx instanceof FieldStepContext c) {
            return new IndirectionStep.Field(name(c.colLabel()), loc(c));
        } else if (ctx instanceof StarStepContext c) {
            return new IndirectionStep.Star(loc(c));
        }
        SubscriptStepContext c = (SubscriptStepContext) ctx;
        boolean slice = c.COLON() != null;
        if (!slice && c.lower == null) {
            throw SqlParser.syntaxError(c.CLOSE_BRACKET().getSymbol());
        }
        return new IndirectionStep.Subscript(c.lower == null ? null : expr(c.lower),
                c.upper == null ? null : expr(c.upper), slice, loc(c));
    }

    private Expression funcExpr(FuncExprContext ctx) {
        if (ctx instanceof SpecialFuncContext c) {
            return funcExprCommon(c.funcExprCommon());
        }
        FuncCallContext c = (FuncCallContext) ctx;
        FuncApplicationContext app = c.funcApplication();
        if (c.SCONST() != null) {
            // A typed literal of a type with modifiers: foo(10) 'text'.
            if (app.STAR() != null || app.ALL() != null || app.DISTINCT() != null || app.sortClause() != null
                    || app.funcArg().stream().anyMatch(a -> a.VARIADIC() != null || a.typeFunctionName() != null)
                    || app.funcArg().isEmpty()) {
                throw SqlParser.syntaxError(c.SCONST().getSymbol());
            }
            TypeName type = new TypeName(funcName(app.funcName()), map(app.funcArg(), a -> expr(a.aExpr())), List.of(),
                    false, null, loc(app));
            return new TypeCast(stringValue(c.SCONST().getSymbol()), type, loc(c));
        }
        WindowDefinition over = null;
        if (c.overClause() instanceof OverWindowContext o) {
            over = windowSpecification(o.windowSpecification(), null, loc(o));
        } else if (c.overClause() instanceof OverNameContext o) {
            over = new WindowDefinition(colId(o.colId()), null, List.of(), List.of(), null, loc(o));
        }
        return functionCall(app, c.withinGroupClause() == null ? List.of() : sortClause(c.withinGroupClause().sortClause()),
                c.filterClause() == null ? null : expr(c.filterClause().aExpr()), over, loc(c));
    }

    FunctionCall functionCall(FuncApplicationContext app, List<SortItem> withinGroup, Expression filter,
            WindowDefinition over, NodeLocation l) {
        List<FuncArgContext> args = app.funcArg();
        List<FunctionArgument> arguments = new ArrayList<>(args.size());
        boolean variadic = false;
        for (int i = 0; i < args.size(); i++) {
            FuncArgContext a = args.get(i);
            if (a.VARIADIC() != null) {
                if (i != args.size() - 1) {
                    // gram.y allows VARIADIC only on the last argument.
                    throw SqlParser.syntaxError(args.get(i + 1).start);
                }
                variadic = true;
            }
            Identifier name = a.typeFunctionName() == null ? null : name(a.typeFunctionName());
            arguments.add(new FunctionArgument(name, expr(a.aExpr()), loc(a)));
        }
        List<SortItem> orderBy = app.sortClause() == null ? List.of() : sortClause(app.sortClause());
        return new FunctionCall(funcName(app.funcName()), arguments, app.STAR() != null, app.DISTINCT() != null,
                variadic, orderBy, withinGroup, filter, over, l);
    }

    private Expression funcExprWindowless(FuncExprWindowlessContext ctx) {
        if (ctx instanceof PlainFuncApplicationContext c) {
            return functionCall(c.funcApplication(), List.of(), null, null, loc(c));
        }
        return funcExprCommon(((SpecialFuncApplicationContext) ctx).funcExprCommon());
    }

    private Expression funcExprCommon(FuncExprCommonContext ctx) {
        NodeLocation l = loc(ctx);
        if (ctx instanceof CurrentDateContext) {
            return new SqlValueFunction(SqlValueFunction.Kind.CURRENT_DATE, null, l);
        } else if (ctx instanceof CurrentTimeContext c) {
            SqlValueFunction.Kind kind = switch (c.name.getType()) {
                case PostgreSqlLexer.CURRENT_TIME -> SqlValueFunction.Kind.CURRENT_TIME;
                case PostgreSqlLexer.CURRENT_TIMESTAMP -> SqlValueFunction.Kind.CURRENT_TIMESTAMP;
                case PostgreSqlLexer.LOCALTIME -> SqlValueFunction.Kind.LOCALTIME;
                default -> SqlValueFunction.Kind.LOCALTIMESTAMP;
            };
            return new SqlValueFunction(kind, c.ICONST() == null ? null : integer(c.ICONST().getSymbol()), l);
        } else if (ctx instanceof CurrentUserContext c) {
            SqlValueFunction.Kind kind = switch (c.name.getType()) {
                case PostgreSqlLexer.CURRENT_ROLE -> SqlValueFunction.Kind.CURRENT_ROLE;
                case PostgreSqlLexer.CURRENT_USER -> SqlValueFunction.Kind.CURRENT_USER;
                case PostgreSqlLexer.SESSION_USER -> SqlValueFunction.Kind.SESSION_USER;
                case PostgreSqlLexer.USER -> SqlValueFunction.Kind.USER;
                case PostgreSqlLexer.CURRENT_CATALOG -> SqlValueFunction.Kind.CURRENT_CATALOG;
                default -> SqlValueFunction.Kind.CURRENT_SCHEMA;
            };
            return new SqlValueFunction(kind, null, l);
        } else if (ctx instanceof CastFuncContext c) {
            return new TypeCast(expr(c.aExpr()), typename(c.typename()), l);
        } else if (ctx instanceof ExtractFuncContext c) {
            ExtractFieldContext f = c.extractField();
            String field = f.SCONST() != null ? stringValue(f.SCONST().getSymbol()).value()
                    : f.IDENT() != null ? identifier(f.IDENT().getSymbol()).value() : SqlLexer.foldAscii(f.getText());
            return call(l, "extract", new StringLiteral(field, loc(f)), expr(c.aExpr()));
        } else if (ctx instanceof OverlayFuncContext c) {
            List<Expression> args = map(c.aExpr(), this::expr);
            return call(l, "overlay", args.toArray(Expression[]::new));
        } else if (ctx instanceof OverlayPlainFuncContext c) {
            return plainCall(l, "overlay", c.exprList());
        } else if (ctx instanceof PositionFuncContext c) {
            return call(l, "position", expr(c.bExpr(1)), expr(c.bExpr(0)));
        } else if (ctx instanceof SubstringFuncContext c) {
            Expression s = expr(c.aExpr());
            SubstringTailContext t = c.substringTail();
            if (t instanceof SubstringFromForContext f) {
                return f.forCount == null ? call(l, "substring", s, expr(f.from))
                        : call(l, "substring", s, expr(f.from), expr(f.forCount));
            } else if (t instanceof SubstringForFromContext f) {
                Expression from = f.from == null ? new NumericLiteral("1", loc(f)) : expr(f.from);
                return call(l, "substring", s, from, expr(f.forCount));
            }
            SubstringSimilarContext sim = (SubstringSimilarContext) t;
            if (!(sim.aExpr() instanceof AEscapeContext e) || e.aExpr(0) instanceof AEscapeContext) {
                throw SqlParser.syntaxError(c.CLOSE_PAREN().getSymbol());
            }
            return call(l, "substring", s, expr(e.aExpr(0)), expr(e.aExpr(1)));
        } else if (ctx instanceof SubstringPlainFuncContext c) {
            return plainCall(l, "substring", c.exprList());
        } else if (ctx instanceof TrimFuncContext c) {
            String fn = c.side == null || c.side.getType() == PostgreSqlLexer.BOTH ? "btrim"
                    : c.side.getType() == PostgreSqlLexer.LEADING ? "ltrim" : "rtrim";
            List<Expression> args;
            TrimListContext t = c.trimList();
            if (t instanceof TrimCharsFromContext f) {
                args = new ArrayList<>(exprList(f.exprList()));
                args.add(expr(f.aExpr()));
            } else if (t instanceof TrimFromContext f) {
                args = exprList(f.exprList());
            } else {
                args = exprList(((TrimPlainContext) t).exprList());
            }
            return call(l, fn, args.toArray(Expression[]::new));
        } else if (ctx instanceof NullifFuncContext c) {
            return new NullIfExpr(expr(c.aExpr(0)), expr(c.aExpr(1)), l);
        } else if (ctx instanceof CoalesceFuncContext c) {
            return new CoalesceExpr(exprList(c.exprList()), l);
        }
        MinMaxFuncContext c = (MinMaxFuncContext) ctx;
        return new MinMaxExpr(c.name.getType() == PostgreSqlLexer.GREATEST ? MinMaxExpr.Kind.GREATEST
                : MinMaxExpr.Kind.LEAST, exprList(c.exprList()), l);
    }

    /** A call of pg_catalog.{@code name}. */
    private static FunctionCall call(NodeLocation l, String name, Expression... args) {
        List<FunctionArgument> arguments = new ArrayList<>(args.length);
        for (Expression a : args) {
            arguments.add(new FunctionArgument(null, a, a.location()));
        }
        return new FunctionCall(List.of(PG_CATALOG.get(0), Identifier.of(name)), arguments, false, false, false,
                List.of(), List.of(), null, null, l);
    }

    /** OVERLAY(...) and SUBSTRING(...) with an ordinary argument list: a call of the unqualified name. */
    private FunctionCall plainCall(NodeLocation l, String name, ExprListContext list) {
        List<FunctionArgument> arguments = list == null ? List.of()
                : map(list.aExpr(), a -> new FunctionArgument(null, expr(a), loc(a)));
        return new FunctionCall(List.of(Identifier.of(name)), arguments, false, false, false, List.of(), List.of(),
                null, null, l);
    }

    private Expression constant(AexprConstContext ctx) {
        NodeLocation l = loc(ctx);
        if (ctx instanceof IntegerConstContext || ctx instanceof FloatConstContext) {
            return new NumericLiteral(ctx.getText(), l);
        } else if (ctx instanceof StringConstContext c) {
            return sconst(c.sconst());
        } else if (ctx instanceof BitConstContext || ctx instanceof HexConstContext) {
            String text = ctx.getText();
            return new BitStringLiteral(Character.toLowerCase(text.charAt(0)) + text.substring(2, text.length() - 1), l);
        } else if (ctx instanceof GenericTypedConstContext c) {
            return new TypeCast(sconst(c.sconst()), new TypeName(funcName(c.funcName()), List.of(), List.of(), false,
                    null, loc(c.funcName())), l);
        } else if (ctx instanceof TypedConstContext c) {
            ConstTypenameContext t = c.constTypename();
            TypeName type;
            if (t instanceof NumericConstTypeContext n) {
                type = numericType(n.numericType());
            } else if (t instanceof BitConstTypeContext b) {
                type = bitType(b.bitType(), true);
            } else if (t instanceof CharacterConstTypeContext ch) {
                type = characterType(ch.characterType(), true);
            } else {
                type = datetimeType(((DatetimeConstTypeContext) t).datetimeType());
            }
            return new TypeCast(sconst(c.sconst()), type, l);
        } else if (ctx instanceof IntervalConstContext c) {
            return new TypeCast(sconst(c.sconst()), interval(c.intervalQualifier(), null, l), l);
        } else if (ctx instanceof IntervalPrecisionConstContext c) {
            return new TypeCast(sconst(c.sconst()), interval(null, c.ICONST(), l), l);
        } else if (ctx instanceof TrueConstContext) {
            return new BooleanLiteral(true, l);
        } else if (ctx instanceof FalseConstContext) {
            return new BooleanLiteral(false, l);
        }
        return new NullLiteral(l);
    }

    StringLiteral sconst(SconstContext ctx) {
        if (ctx instanceof PlainStringContext c) {
            return stringValue(c.SCONST().getSymbol());
        }
        UnicodeStringContext c = (UnicodeStringContext) ctx;
        String text = c.USCONST().getText();
        char esc = c.SCONST() == null ? '\\' : escapeCharacter(c.SCONST().getSymbol());
        return new StringLiteral(SqlLexer.unicodeEscapes(SqlLexer.quoted(text.substring(2)), esc,
                c.USCONST().getSymbol().getStartIndex() + 3), loc(c));
    }

    private static char escapeCharacter(Token t) {
        String e = SqlLexer.valueOf(PostgreSqlLexer.SCONST, t.getText());
        if (e.length() != 1 || Character.digit(e.charAt(0), 16) >= 0 || "+'\" \t\n\r\f".indexOf(e.charAt(0)) >= 0) {
            throw SqlParser.error("invalid Unicode escape character", t);
        }
        return e.charAt(0);
    }

    private static StringLiteral stringValue(Token t) {
        // A dollar-quoted string is an SCONST token too.
        return new StringLiteral(SqlLexer.valueOf(t.getText().startsWith("$")
                ? PostgreSqlLexer.DOLLAR_QUOTE : PostgreSqlLexer.SCONST, t.getText()), loc(t));
    }

    private static int integer(Token t) {
        try {
            return Integer.parseInt(t.getText().replace("_", ""));
        } catch (NumberFormatException e) {
            throw SqlParser.syntaxError(t);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Operators

    private OperatorName qualOp(QualOpContext ctx) {
        if (ctx instanceof PlainOpContext c) {
            return OperatorName.of(c.getText());
        }
        return anyOperator(((ExplicitOpContext) ctx).anyOperator());
    }

    private OperatorName qualAllOp(QualAllOpContext ctx) {
        if (ctx instanceof PlainAllOpContext c) {
            return allOp(c.allOp());
        }
        return anyOperator(((ExplicitAllOpContext) ctx).anyOperator());
    }

    private OperatorName subqueryOp(SubqueryOpContext ctx) {
        if (ctx instanceof PlainSubqueryOpContext c) {
            return allOp(c.allOp());
        } else if (ctx instanceof ExplicitSubqueryOpContext c) {
            return anyOperator(c.anyOperator());
        }
        LikeSubqueryOpContext c = (LikeSubqueryOpContext) ctx;
        String op = c.op.getType() == PostgreSqlLexer.LIKE ? "~~" : "~~*";
        return OperatorName.of(c.NOT() != null ? "!" + op : op);
    }

    private OperatorName anyOperator(AnyOperatorContext ctx) {
        return new OperatorName(map(ctx.colId(), this::colId), allOp(ctx.allOp()).symbol());
    }

    private static OperatorName allOp(AllOpContext ctx) {
        return OperatorName.of(ctx.NOT_EQUALS() != null ? "<>" : ctx.getText());
    }

    // -----------------------------------------------------------------------------------------------------
    // Type names

    TypeName typename(TypenameContext ctx) {
        TypeName t = simpleTypename(ctx.simpleTypename());
        List<Integer> bounds = new ArrayList<>();
        if (ctx.arrayBounds() != null) {
            ArrayBoundsContext b = ctx.arrayBounds();
            int icount = 0;
            for (int i = 0; i < b.getChildCount(); i++) {
                ParseTree child = b.getChild(i);
                if (child instanceof TerminalNode tn && tn.getSymbol().getType() == PostgreSqlLexer.OPEN_BRACKET) {
                    ParseTree next = b.getChild(i + 1);
                    if (next instanceof TerminalNode nn && nn.getSymbol().getType() == PostgreSqlLexer.ICONST) {
                        bounds.add(integer(nn.getSymbol()));
                        icount++;
                    } else {
                        bounds.add(-1);
                    }
                }
            }
        } else if (ctx.ARRAY() != null) {
            bounds.add(ctx.ICONST() == null ? -1 : integer(ctx.ICONST().getSymbol()));
        }
        return new TypeName(t.names(), t.modifiers(), bounds, ctx.SETOF() != null, t.intervalFields(), loc(ctx));
    }

    TypeName simpleTypename(SimpleTypenameContext ctx) {
        if (ctx instanceof NumericTypenameContext c) {
            return numericType(c.numericType());
        } else if (ctx instanceof BitTypenameContext c) {
            return bitType(c.bitType(), false);
        } else if (ctx instanceof CharacterTypenameContext c) {
            return characterType(c.characterType(), false);
        } else if (ctx instanceof DatetimeTypenameContext c) {
            return datetimeType(c.datetimeType());
        } else if (ctx instanceof IntervalTypenameContext c) {
            return interval(c.intervalQualifier(), c.ICONST(), loc(c));
        }
        GenericTypenameContext c = (GenericTypenameContext) ctx;
        List<Identifier> names = new ArrayList<>();
        names.add(name(c.typeFunctionName()));
        for (ColLabelContext label : c.colLabel()) {
            names.add(name(label));
        }
        return new TypeName(names, c.typeModifiers() == null ? List.of() : exprList(c.typeModifiers().exprList()),
                List.of(), false, null, loc(c));
    }

    private static TypeName system(String name, List<Expression> modifiers, NodeLocation l) {
        return new TypeName(List.of(PG_CATALOG.get(0), Identifier.of(name)), modifiers, List.of(), false, null, l);
    }

    private TypeName numericType(NumericTypeContext ctx) {
        NodeLocation l = loc(ctx);
        if (ctx instanceof IntTypeContext || ctx instanceof IntegerTypeContext) {
            return system("int4", List.of(), l);
        } else if (ctx instanceof SmallintTypeContext) {
            return system("int2", List.of(), l);
        } else if (ctx instanceof BigintTypeContext) {
            return system("int8", List.of(), l);
        } else if (ctx instanceof RealTypeContext) {
            return system("float4", List.of(), l);
        } else if (ctx instanceof FloatTypeContext c) {
            if (c.ICONST() == null) {
                return system("float8", List.of(), l);
            }
            int p = integer(c.ICONST().getSymbol());
            if (p < 1) {
                throw new SqlParseException("22023", "precision for type float must be at least 1 bit",
                        c.ICONST().getSymbol().getStartIndex() + 1);
            } else if (p > 53) {
                throw new SqlParseException("22023", "precision for type float must be less than 54 bits",
                        c.ICONST().getSymbol().getStartIndex() + 1);
            }
            return system(p <= 24 ? "float4" : "float8", List.of(), l);
        } else if (ctx instanceof DoubleTypeContext) {
            return system("float8", List.of(), l);
        } else if (ctx instanceof DecimalTypeContext c) {
            return system("numeric", c.typeModifiers() == null ? List.of() : exprList(c.typeModifiers().exprList()), l);
        }
        return system("bool", List.of(), l);
    }

    /** In a typed literal ({@code constant}) BIT and CHARACTER without a length have no modifier (gram.y's ConstBit). */
    private TypeName bitType(BitTypeContext ctx, boolean constant) {
        NodeLocation l = loc(ctx);
        boolean varying = ctx.VARYING() != null;
        if (ctx.typeModifiers() != null) {
            return system(varying ? "varbit" : "bit", exprList(ctx.typeModifiers().exprList()), l);
        }
        return system(varying ? "varbit" : "bit", varying || constant ? List.of()
                : List.of(new NumericLiteral("1", l)), l);
    }

    private static TypeName characterType(CharacterTypeContext ctx, boolean constant) {
        NodeLocation l = loc(ctx);
        boolean varying = ctx.VARYING() != null || ctx.VARCHAR() != null;
        String name = varying ? "varchar" : "bpchar";
        if (ctx.ICONST() != null) {
            return system(name, List.of(new NumericLiteral(ctx.ICONST().getText(), loc(ctx.ICONST().getSymbol()))), l);
        }
        return system(name, varying || constant ? List.of() : List.of(new NumericLiteral("1", l)), l);
    }

    private static TypeName datetimeType(DatetimeTypeContext ctx) {
        NodeLocation l = loc(ctx);
        boolean tz = ctx.zone != null && ctx.zone.getType() == PostgreSqlLexer.WITH;
        String name = ctx.kind.getType() == PostgreSqlLexer.TIMESTAMP ? (tz ? "timestamptz" : "timestamp")
                : (tz ? "timetz" : "time");
        return system(name, ctx.ICONST() == null ? List.of()
                : List.of(new NumericLiteral(ctx.ICONST().getText(), loc(ctx.ICONST().getSymbol()))), l);
    }

    static TypeName interval(IntervalQualifierContext q, TerminalNode precision, NodeLocation l) {
        List<Expression> mods = new ArrayList<>();
        String fields = null;
        if (precision != null) {
            mods.add(new NumericLiteral(precision.getText(), loc(precision.getSymbol())));
        }
        if (q != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < q.getChildCount(); i++) {
                ParseTree child = q.getChild(i);
                if (child instanceof IntervalSecondContext s) {
                    sb.append(sb.length() == 0 ? "" : " ").append("second");
                    if (s.ICONST() != null) {
                        mods.add(new NumericLiteral(s.ICONST().getText(), loc(s.ICONST().getSymbol())));
                    }
                } else {
                    sb.append(sb.length() == 0 ? "" : " ").append(SqlLexer.foldAscii(child.getText()));
                }
            }
            fields = sb.toString();
        }
        return new TypeName(List.of(PG_CATALOG.get(0), Identifier.of("interval")), mods, List.of(), false, fields, l);
    }

    // -----------------------------------------------------------------------------------------------------
    // Names

    List<Identifier> qualifiedName(QualifiedNameContext ctx) {
        List<Identifier> names = new ArrayList<>();
        names.add(colId(ctx.colId()));
        for (ColLabelContext label : ctx.colLabel()) {
            names.add(name(label));
        }
        return names;
    }

    List<Identifier> anyName(AnyNameContext ctx) {
        List<Identifier> names = new ArrayList<>();
        names.add(colId(ctx.colId()));
        for (ColLabelContext label : ctx.colLabel()) {
            names.add(name(label));
        }
        return names;
    }

    private List<Identifier> funcName(FuncNameContext ctx) {
        if (ctx instanceof SimpleFuncNameContext c) {
            return List.of(name(c.typeFunctionName()));
        }
        QualifiedFuncNameContext c = (QualifiedFuncNameContext) ctx;
        List<Identifier> names = new ArrayList<>();
        names.add(colId(c.colId()));
        for (ColLabelContext label : c.colLabel()) {
            names.add(name(label));
        }
        return names;
    }

    List<Identifier> nameList(NameListContext ctx) {
        return map(ctx.colId(), this::colId);
    }

    Identifier colId(ColIdContext ctx) {
        return name(ctx);
    }

    /** A name rule (colId, colLabel, ...): an identifier, or a keyword used as a name (folded). */
    Identifier name(ParserRuleContext ctx) {
        IdentifierContext id = ctx.getRuleContext(IdentifierContext.class, 0);
        if (id == null) {
            return Identifier.of(SqlLexer.foldAscii(ctx.getText()));
        }
        if (id instanceof PlainIdentifierContext p) {
            return identifier(p.IDENT().getSymbol());
        }
        UnicodeIdentifierContext u = (UnicodeIdentifierContext) id;
        String text = u.UIDENT().getText();
        char esc = u.SCONST() == null ? '\\' : escapeCharacter(u.SCONST().getSymbol());
        String body = text.substring(3, text.length() - 1).replace("\"\"", "\"");
        return Identifier.quoted(SqlLexer.unicodeEscapes(body, esc, u.UIDENT().getSymbol().getStartIndex() + 3));
    }

    static Identifier identifier(Token t) {
        String text = t.getText();
        if (text.startsWith("\"")) {
            return Identifier.quoted(text.substring(1, text.length() - 1).replace("\"\"", "\""));
        }
        return Identifier.of(SqlLexer.foldAscii(text));
    }

    // -----------------------------------------------------------------------------------------------------

    static NodeLocation loc(ParserRuleContext ctx) {
        return loc(ctx.start);
    }

    static NodeLocation loc(Token t) {
        return new NodeLocation(t.getStartIndex(), t.getLine(), t.getCharPositionInLine() + 1);
    }

    static <C, T> List<T> map(List<C> items, java.util.function.Function<C, T> f) {
        List<T> out = new ArrayList<>(items.size());
        for (C item : items) {
            out.add(f.apply(item));
        }
        return out;
    }
}
