package io.pgserve.sql;

import static io.pgserve.sql.AstBuilder.loc;
import static io.pgserve.sql.AstBuilder.map;

import io.pgserve.sql.ast.AlterEnumType;
import io.pgserve.sql.ast.AlterSequence;
import io.pgserve.sql.ast.AlterTable;
import io.pgserve.sql.ast.AlterTableAction;
import io.pgserve.sql.ast.Call;
import io.pgserve.sql.ast.Close;
import io.pgserve.sql.ast.ColumnDefinition;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Comment;
import io.pgserve.sql.ast.Constraint;
import io.pgserve.sql.ast.Copy;
import io.pgserve.sql.ast.CreateEnumType;
import io.pgserve.sql.ast.CreateIndex;
import io.pgserve.sql.ast.CreateSchema;
import io.pgserve.sql.ast.CreateSequence;
import io.pgserve.sql.ast.CreateTable;
import io.pgserve.sql.ast.CreateTableAs;
import io.pgserve.sql.ast.CreateView;
import io.pgserve.sql.ast.Deallocate;
import io.pgserve.sql.ast.DeclareCursor;
import io.pgserve.sql.ast.Delete;
import io.pgserve.sql.ast.Discard;
import io.pgserve.sql.ast.Do;
import io.pgserve.sql.ast.Drop;
import io.pgserve.sql.ast.Execute;
import io.pgserve.sql.ast.Explain;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.Fetch;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Grant;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.IndexElement;
import io.pgserve.sql.ast.Insert;
import io.pgserve.sql.ast.Listen;
import io.pgserve.sql.ast.Lock;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.Notify;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.ObjectType;
import io.pgserve.sql.ast.Option;
import io.pgserve.sql.ast.Persistence;
import io.pgserve.sql.ast.Prepare;
import io.pgserve.sql.ast.Privilege;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.ResetVariable;
import io.pgserve.sql.ast.RowConstructor;
import io.pgserve.sql.ast.SequenceOption;
import io.pgserve.sql.ast.SetTransaction;
import io.pgserve.sql.ast.SetVariable;
import io.pgserve.sql.ast.Show;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.TableElement;
import io.pgserve.sql.ast.TableLike;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.TransactionMode;
import io.pgserve.sql.ast.TransactionStatement;
import io.pgserve.sql.ast.Truncate;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.TypeName;
import io.pgserve.sql.ast.Unlisten;
import io.pgserve.sql.ast.Update;
import io.pgserve.sql.ast.Vacuum;
import io.pgserve.sql.ast.VacuumTarget;
import io.pgserve.sql.internal.grammar.PostgreSqlLexer;
import io.pgserve.sql.internal.grammar.PostgreSqlParser.*;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * The AST of the statements other than queries and DML (DDL, COPY, session, transaction, cursor and other utility
 * statements), doing what gram.y's actions do: legacy option spellings become generic options, the special SET
 * forms become parameter settings, FETCH directions are reduced to four.
 */
final class UtilityAstBuilder {
    private final AstBuilder b;

    UtilityAstBuilder(AstBuilder b) {
        this.b = b;
    }

    Statement statement(StatementBodyContext body) {
        NodeLocation l = loc(body);
        if (body instanceof CreateTableStatementContext c) {
            return createTable(c.createTableStmt(), l);
        } else if (body instanceof CreateTableAsStatementContext c) {
            return createTableAs(c.createTableAsStmt(), l);
        } else if (body instanceof AlterTableStatementContext c) {
            return alterTable(c.alterTableStmt(), l);
        } else if (body instanceof DropStatementContext c) {
            return drop(c.dropStmt(), l);
        } else if (body instanceof CreateSchemaStatementContext c) {
            CreateSchemaStmtContext s = c.createSchemaStmt();
            return new CreateSchema(s.IF_P() != null, s.colId() == null ? null : b.colId(s.colId()),
                    s.roleSpec() == null ? null : roleSpec(s.roleSpec()), l);
        } else if (body instanceof CreateIndexStatementContext c) {
            return createIndex(c.createIndexStmt(), l);
        } else if (body instanceof CreateViewStatementContext c) {
            return createView(c.createViewStmt(), l);
        } else if (body instanceof CreateSequenceStatementContext c) {
            CreateSeqStmtContext s = c.createSeqStmt();
            return new CreateSequence(persistence(s.optTemp()), s.IF_P() != null, b.qualifiedName(s.qualifiedName()),
                    map(s.seqOptElem(), this::seqOption), l);
        } else if (body instanceof AlterSequenceStatementContext c) {
            AlterSeqStmtContext s = c.alterSeqStmt();
            return new AlterSequence(s.IF_P() != null, b.qualifiedName(s.qualifiedName()),
                    map(s.seqOptElem(), this::seqOption), l);
        } else if (body instanceof CreateEnumStatementContext c) {
            CreateEnumStmtContext s = c.createEnumStmt();
            return new CreateEnumType(b.anyName(s.anyName()), map(s.sconst(), x -> b.sconst(x).value()), l);
        } else if (body instanceof AlterEnumStatementContext c) {
            if (c.alterEnumStmt() instanceof AlterEnumAddValueContext a) {
                List<SconstContext> labels = a.sconst();
                return new AlterEnumType(b.anyName(a.anyName()), b.sconst(labels.get(0)).value(), null,
                        a.IF_P() != null, labels.size() > 1 ? b.sconst(labels.get(1)).value() : null,
                        a.AFTER() != null, l);
            }
            AlterEnumRenameValueContext r = (AlterEnumRenameValueContext) c.alterEnumStmt();
            return new AlterEnumType(b.anyName(r.anyName()), b.sconst(r.sconst(0)).value(),
                    b.sconst(r.sconst(1)).value(), false, null, false, l);
        } else if (body instanceof TruncateStatementContext c) {
            TruncateStmtContext s = c.truncateStmt();
            return new Truncate(map(s.relationExpr(), r -> b.relation(r, null)), s.RESTART() != null,
                    cascade(s.dropBehavior()), l);
        } else if (body instanceof LockStatementContext c) {
            LockStmtContext s = c.lockStmt();
            String mode = s.lockMode() == null ? "ACCESS EXCLUSIVE" : words(s.lockMode());
            return new Lock(map(s.relationExpr(), r -> b.relation(r, null)), mode, s.NOWAIT() != null, l);
        } else if (body instanceof CommentStatementContext c) {
            CommentStmtContext s = c.commentStmt();
            return new Comment(objectType(s.commentObjectType()), b.anyName(s.anyName()),
                    s.sconst() == null ? null : b.sconst(s.sconst()).value(), l);
        } else if (body instanceof CopyStatementContext c) {
            return copy(c.copyStmt(), l);
        } else if (body instanceof SetStatementContext c) {
            return set(c.variableSetStmt(), l);
        } else if (body instanceof ResetStatementContext c) {
            return new ResetVariable(resetTarget(c.variableResetStmt().resetTarget()), l);
        } else if (body instanceof ShowStatementContext c) {
            return new Show(resetTarget(c.variableShowStmt().resetTarget()), l);
        } else if (body instanceof TransactionStatementContext c) {
            return transaction(c.transactionStmt(), l);
        } else if (body instanceof PrepareStatementContext c) {
            PrepareStmtContext s = c.prepareStmt();
            return new Prepare(b.colId(s.colId()), map(s.typename(), b::typename), preparable(s.statement()), l);
        } else if (body instanceof ExecuteStatementContext c) {
            ExecuteStmtContext s = c.executeStmt();
            return new Execute(b.colId(s.colId()), s.exprList() == null ? List.of() : b.exprList(s.exprList()), l);
        } else if (body instanceof DeallocateStatementContext c) {
            DeallocateStmtContext s = c.deallocateStmt();
            return new Deallocate(s.colId() == null ? null : b.colId(s.colId()), l);
        } else if (body instanceof DeclareStatementContext c) {
            return declare(c.declareCursorStmt(), l);
        } else if (body instanceof FetchStatementContext c) {
            return fetch(c.fetchStmt(), l);
        } else if (body instanceof CloseStatementContext c) {
            CloseStmtContext s = c.closeStmt();
            return new Close(s.colId() == null ? null : b.colId(s.colId()), l);
        } else if (body instanceof ListenStatementContext c) {
            return new Listen(b.colId(c.listenStmt().colId()), l);
        } else if (body instanceof UnlistenStatementContext c) {
            UnlistenStmtContext s = c.unlistenStmt();
            return new Unlisten(s.colId() == null ? null : b.colId(s.colId()), l);
        } else if (body instanceof NotifyStatementContext c) {
            NotifyStmtContext s = c.notifyStmt();
            return new Notify(b.colId(s.colId()), s.sconst() == null ? null : b.sconst(s.sconst()).value(), l);
        } else if (body instanceof ExplainStatementContext c) {
            return explain(c.explainStmt(), l);
        } else if (body instanceof DiscardStatementContext c) {
            Discard.Target t = switch (c.discardStmt().target.getType()) {
                case PostgreSqlLexer.ALL -> Discard.Target.ALL;
                case PostgreSqlLexer.PLANS -> Discard.Target.PLANS;
                case PostgreSqlLexer.SEQUENCES -> Discard.Target.SEQUENCES;
                default -> Discard.Target.TEMP;
            };
            return new Discard(t, l);
        } else if (body instanceof VacuumStatementContext c) {
            return vacuum(c.vacuumStmt(), l);
        } else if (body instanceof AnalyzeStatementContext c) {
            return analyze(c.analyzeStmt(), l);
        } else if (body instanceof GrantStatementContext c) {
            GrantStmtContext s = c.grantStmt();
            return grant(true, false, s.privileges(), s.privilegeTarget(), s.grantee(), s.OPTION() != null,
                    s.roleSpec(), false, l);
        } else if (body instanceof RevokeStatementContext c) {
            RevokeStmtContext s = c.revokeStmt();
            return grant(false, s.OPTION() != null, s.privileges(), s.privilegeTarget(), s.grantee(), false,
                    s.roleSpec(), cascade(s.dropBehavior()), l);
        } else if (body instanceof CallStatementContext c) {
            FunctionCall f = b.functionCall(c.callStmt().funcApplication(), List.of(), null, null,
                    loc(c.callStmt().funcApplication()));
            return new Call(f, l);
        } else if (body instanceof DoStatementContext c) {
            return doStatement(c.doStmt(), l);
        }
        throw new IllegalStateException("unexpected statement " + body.getClass().getSimpleName());
    }

    // -----------------------------------------------------------------------------------------------------
    // Tables

    private CreateTable createTable(CreateTableStmtContext s, NodeLocation l) {
        List<TableElement> elements = map(s.tableElement(), this::tableElement);
        List<List<Identifier>> inherits = map(s.qualifiedName().subList(1, s.qualifiedName().size()),
                b::qualifiedName);
        return new CreateTable(persistence(s.optTemp()), s.IF_P() != null, b.qualifiedName(s.qualifiedName(0)),
                elements, inherits, optWith(s.optWith()), onCommit(s.onCommit()),
                s.colId() == null ? null : b.colId(s.colId()), l);
    }

    private CreateTableAs createTableAs(CreateTableAsStmtContext s, NodeLocation l) {
        boolean withData = s.DATA_P() == null || s.NO() == null;
        return new CreateTableAs(persistence(s.optTemp()), s.IF_P() != null, b.qualifiedName(s.qualifiedName()),
                s.nameList() == null ? List.of() : b.nameList(s.nameList()), optWith(s.optWith()), onCommit(s.onCommit()),
                s.colId() == null ? null : b.colId(s.colId()), b.query(s.query()), withData, l);
    }

    private static Persistence persistence(OptTempContext ctx) {
        if (ctx == null) {
            return Persistence.PERMANENT;
        }
        return ctx.UNLOGGED() != null ? Persistence.UNLOGGED : Persistence.TEMPORARY;
    }

    private List<Option> optWith(OptWithContext ctx) {
        return ctx instanceof WithOptionsContext w ? relOptions(w.relOptions()) : List.of();
    }

    private static CreateTable.OnCommit onCommit(OnCommitContext ctx) {
        if (ctx == null) {
            return CreateTable.OnCommit.NONE;
        } else if (ctx.DROP() != null) {
            return CreateTable.OnCommit.DROP;
        }
        return ctx.DELETE_P() != null ? CreateTable.OnCommit.DELETE_ROWS : CreateTable.OnCommit.PRESERVE_ROWS;
    }

    private List<Option> relOptions(RelOptionsContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return map(ctx.relOption(), o -> {
            String name = b.name(o.colLabel(0)).value();
            if (o.colLabel().size() > 1) {
                name = name + "." + b.name(o.colLabel(1)).value();
            }
            Expression value = null;
            if (o.defArg() != null) {
                value = o.defArg().numericOnly() != null ? numericOnly(o.defArg().numericOnly())
                        : booleanOrString(o.defArg().booleanOrString());
            }
            return new Option(name, value, loc(o));
        });
    }

    private TableElement tableElement(TableElementContext ctx) {
        if (ctx instanceof ConstraintElementContext c) {
            return tableConstraint(c.tableConstraint());
        } else if (ctx instanceof ColumnElementContext c) {
            return columnDef(c.columnDef());
        }
        LikeElementContext c = (LikeElementContext) ctx;
        List<String> options = new ArrayList<>();
        for (int i = 0; i < c.colId().size(); i++) {
            ParseTree keyword = c.colId(i).getParent().getChild(c.children.indexOf(c.colId(i)) - 1);
            options.add(SqlLexer.foldAscii(keyword.getText()) + " " + b.colId(c.colId(i)).value());
        }
        return new TableLike(b.qualifiedName(c.qualifiedName()), options, loc(c));
    }

    private ColumnDefinition columnDef(ColumnDefContext ctx) {
        return new ColumnDefinition(b.colId(ctx.colId()), b.typename(ctx.typename()),
                ctx.anyName() == null ? List.of() : b.anyName(ctx.anyName()),
                map(ctx.columnConstraint(), this::columnConstraint), loc(ctx));
    }

    private Constraint columnConstraint(ColumnConstraintContext ctx) {
        ColumnConstraintElemContext e = ctx.columnConstraintElem();
        NodeLocation l = loc(ctx);
        Constraint c;
        if (e instanceof NotNullConstraintContext) {
            c = Constraint.of(Constraint.Type.NOT_NULL, null, l);
        } else if (e instanceof NullConstraintContext) {
            c = Constraint.of(Constraint.Type.NULL, null, l);
        } else if (e instanceof UniqueColumnConstraintContext u) {
            c = Constraint.of(Constraint.Type.UNIQUE, null, l);
            c = with(c, List.of(), List.of(), relOptions(u.relOptions()), u.NULLS_P() != null && u.NOT() != null, null);
        } else if (e instanceof PrimaryKeyColumnConstraintContext p) {
            c = with(Constraint.of(Constraint.Type.PRIMARY_KEY, null, l), List.of(), List.of(),
                    relOptions(p.relOptions()), false, null);
        } else if (e instanceof CheckConstraintContext ch) {
            c = Constraint.of(Constraint.Type.CHECK, b.expr(ch.aExpr()), l);
            c = noInherit(c, ch.INHERIT() != null);
        } else if (e instanceof DefaultConstraintContext d) {
            c = Constraint.of(Constraint.Type.DEFAULT, b.expr(d.bExpr()), l);
        } else if (e instanceof IdentityConstraintContext i) {
            Constraint.Type type = i.generatedWhen() instanceof GeneratedAlwaysContext
                    ? Constraint.Type.IDENTITY_ALWAYS : Constraint.Type.IDENTITY_BY_DEFAULT;
            Constraint base = Constraint.of(type, null, l);
            c = new Constraint(null, type, null, List.of(), List.of(), List.of(), false, List.of(), List.of(),
                    base.match(), base.onDelete(), base.onUpdate(), map(i.seqOptElem(), this::seqOption), false, false,
                    false, false, null, l);
        } else if (e instanceof GeneratedConstraintContext g) {
            if (!(g.generatedWhen() instanceof GeneratedAlwaysContext)) {
                // gram.y: "for a generated column, GENERATED ALWAYS must be specified"
                throw SqlParser.error("for a generated column, GENERATED ALWAYS must be specified", g.generatedWhen().start);
            }
            c = Constraint.of(Constraint.Type.GENERATED, b.expr(g.aExpr()), l);
        } else {
            ReferencesConstraintContext r = (ReferencesConstraintContext) e;
            c = references(Constraint.of(Constraint.Type.FOREIGN_KEY, null, l), List.of(), r.qualifiedName(),
                    r.nameList(), r.keyMatch(), r.keyActions());
        }
        return attributes(named(c, ctx.colId()), ctx.constraintAttr());
    }

    private Constraint tableConstraint(TableConstraintContext ctx) {
        TableConstraintElemContext e = ctx.tableConstraintElem();
        NodeLocation l = loc(ctx);
        Constraint c;
        if (e instanceof CheckTableConstraintContext ch) {
            c = noInherit(Constraint.of(Constraint.Type.CHECK, b.expr(ch.aExpr()), l), ch.INHERIT() != null);
        } else if (e instanceof UniqueTableConstraintContext u) {
            c = indexTail(Constraint.of(Constraint.Type.UNIQUE, null, l), b.nameList(u.nameList()), u.indexTail(),
                    u.NULLS_P() != null && u.NOT() != null);
        } else if (e instanceof PrimaryKeyTableConstraintContext p) {
            c = indexTail(Constraint.of(Constraint.Type.PRIMARY_KEY, null, l), b.nameList(p.nameList()), p.indexTail(),
                    false);
        } else {
            ForeignKeyTableConstraintContext f = (ForeignKeyTableConstraintContext) e;
            c = references(Constraint.of(Constraint.Type.FOREIGN_KEY, null, l), b.nameList(f.nameList(0)),
                    f.qualifiedName(), f.nameList().size() > 1 ? f.nameList(1) : null, f.keyMatch(), f.keyActions());
        }
        return attributes(named(c, ctx.colId()), ctx.constraintAttr());
    }

    private Constraint indexTail(Constraint c, List<Identifier> columns, IndexTailContext t, boolean nullsNotDistinct) {
        List<Identifier> include = t.nameList() == null ? List.of() : b.nameList(t.nameList());
        Identifier ts = t.colId() == null ? null : b.colId(t.colId());
        return with(c, columns, include, relOptions(t.relOptions()), nullsNotDistinct, ts);
    }

    private static Constraint with(Constraint c, List<Identifier> columns, List<Identifier> include, List<Option> options,
            boolean nullsNotDistinct, Identifier tablespace) {
        return new Constraint(c.name(), c.type(), c.expression(), columns, include, options, nullsNotDistinct,
                c.referencedTable(), c.referencedColumns(), c.match(), c.onDelete(), c.onUpdate(), c.identityOptions(),
                c.noInherit(), c.deferrable(), c.initiallyDeferred(), c.notValid(), tablespace, c.location());
    }

    private static Constraint noInherit(Constraint c, boolean noInherit) {
        return new Constraint(c.name(), c.type(), c.expression(), c.columns(), c.include(), c.options(),
                c.nullsNotDistinct(), c.referencedTable(), c.referencedColumns(), c.match(), c.onDelete(), c.onUpdate(),
                c.identityOptions(), noInherit, c.deferrable(), c.initiallyDeferred(), c.notValid(),
                c.indexTablespace(), c.location());
    }

    private Constraint named(Constraint c, ColIdContext name) {
        if (name == null) {
            return c;
        }
        return new Constraint(b.colId(name), c.type(), c.expression(), c.columns(), c.include(), c.options(),
                c.nullsNotDistinct(), c.referencedTable(), c.referencedColumns(), c.match(), c.onDelete(), c.onUpdate(),
                c.identityOptions(), c.noInherit(), c.deferrable(), c.initiallyDeferred(), c.notValid(),
                c.indexTablespace(), c.location());
    }

    private static Constraint attributes(Constraint c, List<ConstraintAttrContext> attrs) {
        boolean deferrable = false;
        boolean initiallyDeferred = false;
        boolean notValid = false;
        for (ConstraintAttrContext a : attrs) {
            if (a instanceof DeferrableAttrContext d) {
                deferrable = d.NOT() == null;
            } else if (a instanceof InitiallyAttrContext i) {
                initiallyDeferred = i.DEFERRED() != null;
            } else {
                notValid = true;
            }
        }
        if (attrs.isEmpty()) {
            return c;
        }
        // INITIALLY DEFERRED implies DEFERRABLE (gram.y's processCASbits).
        return new Constraint(c.name(), c.type(), c.expression(), c.columns(), c.include(), c.options(),
                c.nullsNotDistinct(), c.referencedTable(), c.referencedColumns(), c.match(), c.onDelete(), c.onUpdate(),
                c.identityOptions(), c.noInherit(), deferrable || initiallyDeferred, initiallyDeferred, notValid,
                c.indexTablespace(), c.location());
    }

    private Constraint references(Constraint c, List<Identifier> columns, QualifiedNameContext table,
            NameListContext refColumns, KeyMatchContext match, KeyActionsContext actions) {
        Constraint.Match m = Constraint.Match.SIMPLE;
        if (match != null) {
            m = match.FULL() != null ? Constraint.Match.FULL
                    : match.PARTIAL() != null ? Constraint.Match.PARTIAL : Constraint.Match.SIMPLE;
        }
        Constraint.ReferentialAction onDelete = Constraint.ReferentialAction.NO_ACTION;
        Constraint.ReferentialAction onUpdate = Constraint.ReferentialAction.NO_ACTION;
        boolean seenDelete = false;
        boolean seenUpdate = false;
        for (int i = 0; i < actions.keyAction().size(); i++) {
            KeyActionContext a = actions.keyAction(i);
            Constraint.ReferentialAction action = a instanceof NoActionContext ? Constraint.ReferentialAction.NO_ACTION
                    : a instanceof RestrictActionContext ? Constraint.ReferentialAction.RESTRICT
                    : a instanceof CascadeActionContext ? Constraint.ReferentialAction.CASCADE
                    : a instanceof SetNullActionContext ? Constraint.ReferentialAction.SET_NULL
                    : Constraint.ReferentialAction.SET_DEFAULT;
            ParseTree which = actions.getChild(actions.children.indexOf(a) - 1);
            boolean delete = which.getText().equalsIgnoreCase("delete");
            if (delete ? seenDelete : seenUpdate) {
                throw SqlParser.syntaxError(((TerminalNode) which).getSymbol());
            }
            if (delete) {
                seenDelete = true;
                onDelete = action;
            } else {
                seenUpdate = true;
                onUpdate = action;
            }
        }
        return new Constraint(c.name(), c.type(), c.expression(), columns, List.of(), List.of(), false,
                b.qualifiedName(table), refColumns == null ? List.of() : b.nameList(refColumns), m, onDelete, onUpdate,
                List.of(), false, false, false, false, null, c.location());
    }

    private SequenceOption seqOption(SeqOptElemContext ctx) {
        NodeLocation l = loc(ctx);
        if (ctx instanceof SeqAsContext c) {
            TypeName t = b.simpleTypename(c.simpleTypename());
            return new SequenceOption("as", null, t, List.of(), l);
        } else if (ctx instanceof SeqCacheContext c) {
            return new SequenceOption("cache", numericOnly(c.numericOnly()), null, List.of(), l);
        } else if (ctx instanceof SeqCycleContext c) {
            return new SequenceOption(c.NO() != null ? "no cycle" : "cycle", null, null, List.of(), l);
        } else if (ctx instanceof SeqIncrementContext c) {
            return new SequenceOption("increment", numericOnly(c.numericOnly()), null, List.of(), l);
        } else if (ctx instanceof SeqMaxValueContext c) {
            return new SequenceOption("maxvalue", numericOnly(c.numericOnly()), null, List.of(), l);
        } else if (ctx instanceof SeqNoMaxValueContext) {
            return new SequenceOption("no maxvalue", null, null, List.of(), l);
        } else if (ctx instanceof SeqMinValueContext c) {
            return new SequenceOption("minvalue", numericOnly(c.numericOnly()), null, List.of(), l);
        } else if (ctx instanceof SeqNoMinValueContext) {
            return new SequenceOption("no minvalue", null, null, List.of(), l);
        } else if (ctx instanceof SeqOwnedByContext c) {
            return new SequenceOption("owned by", null, null, b.anyName(c.anyName()), l);
        } else if (ctx instanceof SeqNameContext c) {
            return new SequenceOption("sequence name", null, null, b.anyName(c.anyName()), l);
        } else if (ctx instanceof SeqStartContext c) {
            return new SequenceOption("start", numericOnly(c.numericOnly()), null, List.of(), l);
        }
        SeqRestartContext c = (SeqRestartContext) ctx;
        return new SequenceOption("restart", c.numericOnly() == null ? null : numericOnly(c.numericOnly()), null,
                List.of(), l);
    }

    private static NumericLiteral numericOnly(NumericOnlyContext ctx) {
        Token n = ctx.ICONST() != null ? ctx.ICONST().getSymbol() : ctx.FCONST().getSymbol();
        boolean minus = ctx.MINUS() != null;
        return new NumericLiteral((minus ? "-" : "") + n.getText(), loc(ctx));
    }

    private AlterTable alterTable(AlterTableStmtContext s, NodeLocation l) {
        List<AlterTableAction> actions = map(s.alterTableCmd(), this::alterTableCmd);
        if (actions.size() > 1) {
            for (int i = 0; i < actions.size(); i++) {
                switch (actions.get(i).kind()) {
                    case RENAME_COLUMN: case RENAME_CONSTRAINT: case RENAME_TABLE: case SET_SCHEMA:
                        // RENAME and SET SCHEMA are statements of their own in gram.y: they cannot be combined.
                        throw SqlParser.syntaxError(s.COMMA(i == 0 ? 0 : i - 1).getSymbol());
                    default:
                        break;
                }
            }
        }
        return new AlterTable(s.IF_P() != null, b.relation(s.relationExpr(), null), actions, l);
    }

    private AlterTableAction alterTableCmd(AlterTableCmdContext ctx) {
        NodeLocation l = loc(ctx);
        if (ctx instanceof AddColumnCmdContext c) {
            return action(AlterTableAction.Kind.ADD_COLUMN, null, columnDef(c.columnDef()), null, null, null, null,
                    c.IF_P() != null, false, l);
        } else if (ctx instanceof AddConstraintCmdContext c) {
            return action(AlterTableAction.Kind.ADD_CONSTRAINT, null, null, tableConstraint(c.tableConstraint()), null,
                    null, null, false, false, l);
        } else if (ctx instanceof DropColumnCmdContext c) {
            return action(AlterTableAction.Kind.DROP_COLUMN, b.colId(c.colId()), null, null, null, null, null,
                    c.IF_P() != null, cascade(c.dropBehavior()), l);
        } else if (ctx instanceof DropConstraintCmdContext c) {
            return action(AlterTableAction.Kind.DROP_CONSTRAINT, b.colId(c.colId()), null, null, null, null, null,
                    c.IF_P() != null, cascade(c.dropBehavior()), l);
        } else if (ctx instanceof SetDefaultCmdContext c) {
            return action(AlterTableAction.Kind.SET_DEFAULT, b.colId(c.colId()), null, null, b.expr(c.aExpr()), null,
                    null, false, false, l);
        } else if (ctx instanceof DropDefaultCmdContext c) {
            return action(AlterTableAction.Kind.DROP_DEFAULT, b.colId(c.colId()), null, null, null, null, null, false,
                    false, l);
        } else if (ctx instanceof SetNotNullCmdContext c) {
            return action(AlterTableAction.Kind.SET_NOT_NULL, b.colId(c.colId()), null, null, null, null, null, false,
                    false, l);
        } else if (ctx instanceof DropNotNullCmdContext c) {
            return action(AlterTableAction.Kind.DROP_NOT_NULL, b.colId(c.colId()), null, null, null, null, null, false,
                    false, l);
        } else if (ctx instanceof AlterTypeCmdContext c) {
            return new AlterTableAction(AlterTableAction.Kind.ALTER_TYPE, b.colId(c.colId()), null, null,
                    c.aExpr() == null ? null : b.expr(c.aExpr()), b.typename(c.typename()),
                    c.anyName() == null ? List.of() : b.anyName(c.anyName()), null, false, false, l);
        } else if (ctx instanceof OwnerToCmdContext c) {
            return action(AlterTableAction.Kind.OWNER_TO, null, null, null, null, null, roleSpec(c.roleSpec()), false,
                    false, l);
        } else if (ctx instanceof RenameColumnCmdContext c) {
            return action(AlterTableAction.Kind.RENAME_COLUMN, b.colId(c.colId(0)), null, null, null, null,
                    b.colId(c.colId(1)), false, false, l);
        } else if (ctx instanceof RenameConstraintCmdContext c) {
            return action(AlterTableAction.Kind.RENAME_CONSTRAINT, b.colId(c.colId(0)), null, null, null, null,
                    b.colId(c.colId(1)), false, false, l);
        } else if (ctx instanceof RenameTableCmdContext c) {
            return action(AlterTableAction.Kind.RENAME_TABLE, null, null, null, null, null, b.colId(c.colId()), false,
                    false, l);
        }
        SetSchemaCmdContext c = (SetSchemaCmdContext) ctx;
        return action(AlterTableAction.Kind.SET_SCHEMA, null, null, null, null, null, b.colId(c.colId()), false, false,
                l);
    }

    private static AlterTableAction action(AlterTableAction.Kind kind, Identifier name, ColumnDefinition column,
            Constraint constraint, Expression expression, TypeName type, Identifier newName, boolean ifExists,
            boolean cascade, NodeLocation l) {
        return new AlterTableAction(kind, name, column, constraint, expression, type, List.of(), newName, ifExists,
                cascade, l);
    }

    private static boolean cascade(DropBehaviorContext ctx) {
        return ctx != null && ctx.CASCADE() != null;
    }

    private Drop drop(DropStmtContext s, NodeLocation l) {
        ObjectType type = objectType(s.dropObjectType());
        if (s.CONCURRENTLY() != null && type != ObjectType.INDEX) {
            throw SqlParser.syntaxError(s.CONCURRENTLY().getSymbol());
        }
        return new Drop(type, s.CONCURRENTLY() != null, s.IF_P() != null, map(s.anyName(), b::anyName),
                cascade(s.dropBehavior()), l);
    }

    private static ObjectType objectType(ParserRuleContext ctx) {
        String text = words(ctx);
        for (ObjectType t : ObjectType.values()) {
            if (t.sql().equals(text)) {
                return t;
            }
        }
        throw new IllegalStateException(text);
    }

    /** The keywords of a rule, upper case, separated by single spaces. */
    private static String words(ParserRuleContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ctx.getChild(i).getText().toUpperCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    private CreateIndex createIndex(CreateIndexStmtContext s, NodeLocation l) {
        List<IndexElement> elements = map(s.indexParam(), p -> {
            SortItem.Direction dir = p.ASC() != null ? SortItem.Direction.ASC
                    : p.DESC() != null ? SortItem.Direction.DESC : SortItem.Direction.DEFAULT;
            SortItem.Nulls nulls = p.NULLS_P() == null ? SortItem.Nulls.DEFAULT
                    : p.FIRST_P() != null ? SortItem.Nulls.FIRST : SortItem.Nulls.LAST;
            return new IndexElement(b.indexElement(p.indexElement()), p.anyName() == null ? List.of()
                    : b.anyName(p.anyName()), dir, nulls, loc(p));
        });
        List<ColIdContext> ids = s.colId();
        int next = 0;
        Identifier name = null;
        if (!ids.isEmpty() && ids.get(0).start.getTokenIndex() < s.ON().getSymbol().getTokenIndex()) {
            name = b.colId(ids.get(next++));
        } else if (s.IF_P() != null) {
            throw SqlParser.syntaxError(s.ON().getSymbol());
        }
        Identifier method = s.USING() != null ? b.colId(ids.get(next++)) : null;
        Identifier tablespace = s.TABLESPACE() != null ? b.colId(ids.get(next)) : null;
        return new CreateIndex(s.UNIQUE() != null, s.CONCURRENTLY() != null, s.IF_P() != null, name,
                b.relation(s.relationExpr(), null), method, elements,
                s.nameList() == null ? List.of() : b.nameList(s.nameList()), s.NULLS_P() != null && s.NOT() != null,
                relOptions(s.relOptions()), tablespace, s.whereClause() == null ? null : b.expr(s.whereClause().aExpr()),
                l);
    }

    private CreateView createView(CreateViewStmtContext s, NodeLocation l) {
        CreateView.CheckOption check = CreateView.CheckOption.NONE;
        if (s.CHECK() != null) {
            check = s.LOCAL() != null ? CreateView.CheckOption.LOCAL : CreateView.CheckOption.CASCADED;
        }
        return new CreateView(s.OR() != null, persistence(s.optTemp()), s.RECURSIVE() != null,
                b.qualifiedName(s.qualifiedName()), s.nameList() == null ? List.of() : b.nameList(s.nameList()),
                relOptions(s.relOptions()), b.query(s.query()), check, l);
    }

    // -----------------------------------------------------------------------------------------------------
    // COPY

    private Copy copy(CopyStmtContext ctx, NodeLocation l) {
        List<Option> options = new ArrayList<>();
        if (ctx instanceof CopyTableContext c) {
            if (c.BINARY() != null) {
                options.add(new Option("format", new StringLiteral("binary", loc(c.BINARY().getSymbol())),
                        loc(c.BINARY().getSymbol())));
            }
            if (c.DELIMITERS() != null) {
                options.add(new Option("delimiter", b.sconst(c.sconst()), loc(c.DELIMITERS().getSymbol())));
            }
            copyOptions(c.copyOptions(), options);
            boolean from = c.dir.getType() == PostgreSqlLexer.FROM;
            if (!from && c.whereClause() != null) {
                throw SqlParser.error("WHERE clause not allowed with COPY TO", c.whereClause().start);
            }
            return new Copy(new TableName(b.qualifiedName(c.qualifiedName()), false, null, loc(c.qualifiedName())),
                    c.nameList() == null ? List.of() : b.nameList(c.nameList()), null, from, c.PROGRAM() != null,
                    copyTarget(c.copyTarget(), from), options,
                    c.whereClause() == null ? null : b.expr(c.whereClause().aExpr()), l);
        }
        CopyQueryContext c = (CopyQueryContext) ctx;
        copyOptions(c.copyOptions(), options);
        Statement query = preparable(c.statement());
        return new Copy(null, List.of(), query, false, c.PROGRAM() != null, copyTarget(c.copyTarget(), false), options,
                null, l);
    }

    private String copyTarget(CopyTargetContext ctx, boolean from) {
        if (ctx.sconst() != null) {
            return b.sconst(ctx.sconst()).value();
        }
        if ((ctx.STDIN() != null) != from) {
            // COPY ... FROM STDOUT and COPY ... TO STDIN are syntax errors in gram.y.
            throw SqlParser.syntaxError(ctx.start);
        }
        return null;
    }

    private void copyOptions(CopyOptionsContext ctx, List<Option> out) {
        if (ctx instanceof CopyGenericOptionsContext g) {
            for (CopyGenericOptionContext o : g.copyGenericOption()) {
                out.add(new Option(b.name(o.colLabel()).value(), copyArg(o.copyGenericArg()), loc(o)));
            }
            return;
        }
        for (CopyLegacyOptionContext o : ((CopyLegacyOptionsContext) ctx).copyLegacyOption()) {
            NodeLocation l = loc(o);
            if (o instanceof CopyBinaryContext) {
                out.add(new Option("format", new StringLiteral("binary", l), l));
            } else if (o instanceof CopyFreezeContext) {
                out.add(new Option("freeze", null, l));
            } else if (o instanceof CopyDelimiterContext c) {
                out.add(new Option("delimiter", b.sconst(c.sconst()), l));
            } else if (o instanceof CopyNullContext c) {
                out.add(new Option("null", b.sconst(c.sconst()), l));
            } else if (o instanceof CopyCsvContext) {
                out.add(new Option("format", new StringLiteral("csv", l), l));
            } else if (o instanceof CopyHeaderContext) {
                out.add(new Option("header", null, l));
            } else if (o instanceof CopyQuoteContext c) {
                out.add(new Option("quote", b.sconst(c.sconst()), l));
            } else if (o instanceof CopyEscapeContext c) {
                out.add(new Option("escape", b.sconst(c.sconst()), l));
            } else if (o instanceof CopyForceQuoteContext c) {
                out.add(new Option("force_quote", c.STAR() != null ? new ColumnRef(List.of(), true, l)
                        : nameRow(b.nameList(c.nameList()), l), l));
            } else if (o instanceof CopyForceNotNullContext c) {
                out.add(new Option("force_not_null", nameRow(b.nameList(c.nameList()), l), l));
            } else if (o instanceof CopyForceNullContext c) {
                out.add(new Option("force_null", nameRow(b.nameList(c.nameList()), l), l));
            } else {
                out.add(new Option("encoding", b.sconst(((CopyEncodingContext) o).sconst()), l));
            }
        }
    }

    private static RowConstructor nameRow(List<Identifier> names, NodeLocation l) {
        return new RowConstructor(map(names, n -> (Expression) new StringLiteral(n.value(), l)), false, l);
    }

    private Expression copyArg(CopyGenericArgContext ctx) {
        if (ctx == null) {
            return null;
        } else if (ctx instanceof CopyWordArgContext c) {
            return booleanOrString(c.booleanOrString());
        } else if (ctx instanceof CopyNumberArgContext c) {
            return numericOnly(c.numericOnly());
        } else if (ctx instanceof CopyStarArgContext) {
            return new ColumnRef(List.of(), true, loc(ctx));
        }
        CopyListArgContext c = (CopyListArgContext) ctx;
        return new RowConstructor(map(c.booleanOrString(), x -> (Expression) booleanOrString(x)), false, loc(c));
    }

    /** gram.y's opt_boolean_or_string: TRUE, FALSE, ON, a word or a string, all as strings. */
    private StringLiteral booleanOrString(BooleanOrStringContext ctx) {
        if (ctx.sconst() != null) {
            return b.sconst(ctx.sconst());
        } else if (ctx.nonReservedWord() != null) {
            return new StringLiteral(b.name(ctx.nonReservedWord()).value(), loc(ctx));
        }
        return new StringLiteral(SqlLexer.foldAscii(ctx.getText()), loc(ctx));
    }

    /** The statement of PREPARE, COPY (...) and EXPLAIN: SELECT, VALUES, TABLE, INSERT, UPDATE, DELETE. */
    private Statement preparable(StatementContext ctx) {
        Statement s = b.statement(ctx);
        if (!(s instanceof Query || s instanceof Insert || s instanceof Update || s instanceof Delete)) {
            throw SqlParser.syntaxError(ctx.statementBody().start);
        }
        return s;
    }

    // -----------------------------------------------------------------------------------------------------
    // SET, RESET, SHOW, transactions

    private Statement set(VariableSetStmtContext s, NodeLocation l) {
        boolean local = s.LOCAL() != null;
        SetRestContext r = s.setRest();
        if (r instanceof SetTransactionContext c) {
            return new SetTransaction(false, modes(c.transactionModeList()), l);
        } else if (r instanceof SetSessionCharacteristicsContext c) {
            return new SetTransaction(true, modes(c.transactionModeList()), l);
        } else if (r instanceof SetTimeZoneContext c) {
            ZoneValueContext z = c.zoneValue();
            List<Expression> values;
            if (z instanceof ZoneStringContext zs) {
                values = List.of(b.sconst(zs.sconst()));
            } else if (z instanceof ZoneIdentContext zi) {
                values = List.of(new StringLiteral(AstBuilder.identifier(zi.IDENT().getSymbol()).value(), loc(zi)));
            } else if (z instanceof ZoneIntervalContext zi) {
                values = List.of(new TypeCast(b.sconst(zi.sconst()),
                        AstBuilder.interval(zi.intervalQualifier(), null, loc(zi)), loc(zi)));
            } else if (z instanceof ZoneIntervalPrecisionContext zi) {
                values = List.of(new TypeCast(b.sconst(zi.sconst()), AstBuilder.interval(null, zi.ICONST(), loc(zi)),
                        loc(zi)));
            } else if (z instanceof ZoneNumberContext zn) {
                values = List.of(numericOnly(zn.numericOnly()));
            } else {
                values = List.of();
            }
            return new SetVariable(local, "timezone", values, false, l);
        } else if (r instanceof SetSchemaContext c) {
            return new SetVariable(local, "search_path", List.of(b.sconst(c.sconst())), false, l);
        } else if (r instanceof SetNamesContext c) {
            return new SetVariable(local, "client_encoding", c.sconst() == null ? List.of() : List.of(b.sconst(c.sconst())),
                    false, l);
        } else if (r instanceof SetRoleContext c) {
            return new SetVariable(local, "role", List.of(wordOrString(c.nonReservedWordOrSconst())), false, l);
        } else if (r instanceof SetSessionAuthorizationContext c) {
            return new SetVariable(local, "session_authorization", c.nonReservedWordOrSconst() == null ? List.of()
                    : List.of(wordOrString(c.nonReservedWordOrSconst())), false, l);
        } else if (r instanceof SetFromCurrentContext c) {
            return new SetVariable(local, varName(c.varName()), List.of(), true, l);
        }
        SetVariableContext c = (SetVariableContext) r;
        List<Expression> values = map(c.varValue(), v -> v.numericOnly() != null ? numericOnly(v.numericOnly())
                : booleanOrString(v.booleanOrString()));
        return new SetVariable(local, varName(c.varName()), values, false, l);
    }

    private StringLiteral wordOrString(NonReservedWordOrSconstContext ctx) {
        return ctx.sconst() != null ? b.sconst(ctx.sconst()) : new StringLiteral(b.name(ctx.nonReservedWord()).value(),
                loc(ctx));
    }

    private String varName(VarNameContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (ColIdContext c : ctx.colId()) {
            sb.append(sb.length() == 0 ? "" : ".").append(b.colId(c).value());
        }
        return sb.toString();
    }

    private String resetTarget(ResetTargetContext ctx) {
        if (ctx instanceof TimeZoneTargetContext) {
            return "timezone";
        } else if (ctx instanceof IsolationTargetContext) {
            return "transaction_isolation";
        } else if (ctx instanceof SessionAuthorizationTargetContext) {
            return "session_authorization";
        } else if (ctx instanceof AllTargetContext) {
            return "all";
        }
        return varName(((VariableTargetContext) ctx).varName());
    }

    private static List<TransactionMode> modes(TransactionModeListContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return map(ctx.transactionMode(), m -> {
            if (m instanceof IsolationModeContext i) {
                IsolationLevelContext level = i.isolationLevel();
                return level instanceof ReadUncommittedContext ? TransactionMode.ISOLATION_READ_UNCOMMITTED
                        : level instanceof ReadCommittedContext ? TransactionMode.ISOLATION_READ_COMMITTED
                        : level instanceof RepeatableReadContext ? TransactionMode.ISOLATION_REPEATABLE_READ
                        : TransactionMode.ISOLATION_SERIALIZABLE;
            } else if (m instanceof ReadOnlyModeContext) {
                return TransactionMode.READ_ONLY;
            } else if (m instanceof ReadWriteModeContext) {
                return TransactionMode.READ_WRITE;
            }
            return ((DeferrableModeContext) m).NOT() != null ? TransactionMode.NOT_DEFERRABLE : TransactionMode.DEFERRABLE;
        });
    }

    private TransactionStatement transaction(TransactionStmtContext ctx, NodeLocation l) {
        TransactionStatement.Kind kind;
        List<TransactionMode> modes = List.of();
        boolean chain = false;
        Identifier savepoint = null;
        String gid = null;
        if (ctx instanceof RollbackStmtContext c) {
            kind = TransactionStatement.Kind.ROLLBACK;
            chain = c.CHAIN() != null && c.NO() == null;
        } else if (ctx instanceof BeginStmtContext c) {
            kind = TransactionStatement.Kind.BEGIN;
            modes = modes(c.transactionModeList());
        } else if (ctx instanceof StartStmtContext c) {
            kind = TransactionStatement.Kind.START;
            modes = modes(c.transactionModeList());
        } else if (ctx instanceof CommitStmtContext c) {
            kind = TransactionStatement.Kind.COMMIT;
            chain = c.CHAIN() != null && c.NO() == null;
        } else if (ctx instanceof SavepointStmtContext c) {
            kind = TransactionStatement.Kind.SAVEPOINT;
            savepoint = b.colId(c.colId());
        } else if (ctx instanceof ReleaseStmtContext c) {
            kind = TransactionStatement.Kind.RELEASE;
            savepoint = b.colId(c.colId());
        } else if (ctx instanceof RollbackToStmtContext c) {
            kind = TransactionStatement.Kind.ROLLBACK_TO;
            savepoint = b.colId(c.colId());
        } else if (ctx instanceof PrepareTransactionStmtContext c) {
            kind = TransactionStatement.Kind.PREPARE;
            gid = b.sconst(c.sconst()).value();
        } else if (ctx instanceof CommitPreparedStmtContext c) {
            kind = TransactionStatement.Kind.COMMIT_PREPARED;
            gid = b.sconst(c.sconst()).value();
        } else {
            kind = TransactionStatement.Kind.ROLLBACK_PREPARED;
            gid = b.sconst(((RollbackPreparedStmtContext) ctx).sconst()).value();
        }
        return new TransactionStatement(kind, modes, chain, savepoint, gid, l);
    }

    // -----------------------------------------------------------------------------------------------------
    // Cursors

    private DeclareCursor declare(DeclareCursorStmtContext s, NodeLocation l) {
        boolean binary = false;
        boolean insensitive = false;
        DeclareCursor.Scroll scroll = DeclareCursor.Scroll.DEFAULT;
        for (CursorOptionContext o : s.cursorOption()) {
            if (o.BINARY() != null) {
                binary = true;
            } else if (o.INSENSITIVE() != null) {
                insensitive = true;
            } else if (o.SCROLL() != null) {
                scroll = o.NO() != null ? DeclareCursor.Scroll.NO_SCROLL : DeclareCursor.Scroll.SCROLL;
            }
        }
        return new DeclareCursor(b.colId(s.colId()), binary, scroll, insensitive, s.HOLD() != null && s.WITH() != null,
                b.query(s.query()), l);
    }

    private Fetch fetch(FetchStmtContext s, NodeLocation l) {
        boolean move = s.MOVE() != null;
        Fetch.Direction dir = Fetch.Direction.FORWARD;
        long count = 1;
        FetchDirectionContext d = s.fetchDirection();
        if (d instanceof FetchPriorContext) {
            dir = Fetch.Direction.BACKWARD;
        } else if (d instanceof FetchFirstRowContext) {
            dir = Fetch.Direction.ABSOLUTE;
        } else if (d instanceof FetchLastContext) {
            dir = Fetch.Direction.ABSOLUTE;
            count = -1;
        } else if (d instanceof FetchAbsoluteContext c) {
            dir = Fetch.Direction.ABSOLUTE;
            count = signedIconst(c.signedIconst());
        } else if (d instanceof FetchRelativeContext c) {
            dir = Fetch.Direction.RELATIVE;
            count = signedIconst(c.signedIconst());
        } else if (d instanceof FetchCountContext c) {
            count = signedIconst(c.signedIconst());
        } else if (d instanceof FetchAllContext) {
            count = Fetch.ALL;
        } else if (d instanceof FetchForwardContext c) {
            count = c.ALL() != null ? Fetch.ALL : c.signedIconst() != null ? signedIconst(c.signedIconst()) : 1;
        } else if (d instanceof FetchBackwardContext c) {
            dir = Fetch.Direction.BACKWARD;
            count = c.ALL() != null ? Fetch.ALL : c.signedIconst() != null ? signedIconst(c.signedIconst()) : 1;
        }
        return new Fetch(move, dir, count, b.colId(s.colId()), l);
    }

    private static long signedIconst(SignedIconstContext ctx) {
        long v;
        try {
            v = Long.parseLong(ctx.ICONST().getText().replace("_", ""));
        } catch (NumberFormatException e) {
            throw SqlParser.syntaxError(ctx.ICONST().getSymbol());
        }
        return ctx.MINUS() != null ? -v : v;
    }

    // -----------------------------------------------------------------------------------------------------
    // EXPLAIN, VACUUM, ANALYZE, DO, GRANT

    private Explain explain(ExplainStmtContext ctx, NodeLocation l) {
        List<Option> options;
        StatementContext stmt;
        if (ctx instanceof ExplainWithOptionsContext c) {
            options = map(c.utilityOption(), this::utilityOption);
            stmt = c.statement();
        } else {
            ExplainPlainContext c = (ExplainPlainContext) ctx;
            options = new ArrayList<>();
            if (c.ANALYZE() != null || c.ANALYSE() != null) {
                options.add(new Option("analyze", null, loc(c.start)));
            }
            if (c.VERBOSE() != null) {
                options.add(new Option("verbose", null, loc(c.VERBOSE().getSymbol())));
            }
            stmt = c.statement();
        }
        Statement s = b.statement(stmt);
        if (!(s instanceof Query || s instanceof Insert || s instanceof Update || s instanceof Delete
                || s instanceof CreateTableAs || s instanceof DeclareCursor || s instanceof Execute)) {
            throw SqlParser.syntaxError(stmt.statementBody().start);
        }
        return new Explain(options, s, l);
    }

    private Option utilityOption(UtilityOptionContext ctx) {
        String name = ctx.nonReservedWord() != null ? b.name(ctx.nonReservedWord()).value() : "analyze";
        Expression value = ctx.numericOnly() != null ? numericOnly(ctx.numericOnly())
                : ctx.booleanOrString() != null ? booleanOrString(ctx.booleanOrString()) : null;
        return new Option(name, value, loc(ctx));
    }

    private Vacuum vacuum(VacuumStmtContext ctx, NodeLocation l) {
        if (ctx instanceof VacuumWithOptionsContext c) {
            return new Vacuum(true, map(c.utilityOption(), this::utilityOption), targets(c.vacuumRelationList()), l);
        }
        VacuumPlainContext c = (VacuumPlainContext) ctx;
        List<Option> options = new ArrayList<>();
        flag(options, c.FULL(), "full");
        flag(options, c.FREEZE(), "freeze");
        flag(options, c.VERBOSE(), "verbose");
        flag(options, c.ANALYZE() != null ? c.ANALYZE() : c.ANALYSE(), "analyze");
        return new Vacuum(true, options, targets(c.vacuumRelationList()), l);
    }

    private Vacuum analyze(AnalyzeStmtContext ctx, NodeLocation l) {
        if (ctx instanceof AnalyzeWithOptionsContext c) {
            return new Vacuum(false, map(c.utilityOption(), this::utilityOption), targets(c.vacuumRelationList()), l);
        }
        AnalyzePlainContext c = (AnalyzePlainContext) ctx;
        List<Option> options = new ArrayList<>();
        flag(options, c.VERBOSE(), "verbose");
        return new Vacuum(false, options, targets(c.vacuumRelationList()), l);
    }

    private static void flag(List<Option> options, TerminalNode word, String name) {
        if (word != null) {
            options.add(new Option(name, null, loc(word.getSymbol())));
        }
    }

    private List<VacuumTarget> targets(VacuumRelationListContext ctx) {
        if (ctx == null) {
            return List.of();
        }
        return map(ctx.vacuumRelation(), r -> new VacuumTarget(b.qualifiedName(r.qualifiedName()),
                r.nameList() == null ? List.of() : b.nameList(r.nameList()), loc(r)));
    }

    private Do doStatement(DoStmtContext s, NodeLocation l) {
        String code = null;
        String language = null;
        for (DoItemContext item : s.doItem()) {
            if (item instanceof DoCodeContext c) {
                if (code != null) {
                    throw SqlParser.error("conflicting or redundant options", c.start);
                }
                code = b.sconst(c.sconst()).value();
            } else {
                if (language != null) {
                    throw SqlParser.error("conflicting or redundant options", item.start);
                }
                language = wordOrString(((DoLanguageContext) item).nonReservedWordOrSconst()).value();
            }
        }
        if (code == null) {
            throw new SqlParseException("42601", "no inline code specified", s.start.getStartIndex() + 1);
        }
        return new Do(code, language, l);
    }

    private Grant grant(boolean grant, boolean grantOptionFor, PrivilegesContext privs, PrivilegeTargetContext target,
            List<GranteeContext> grantees, boolean withGrantOption, RoleSpecContext grantedBy, boolean cascade,
            NodeLocation l) {
        List<Privilege> privileges;
        if (privs instanceof AllPrivilegesContext a) {
            privileges = a.nameList() == null ? List.of() : List.of(new Privilege(null, b.nameList(a.nameList()), loc(a)));
        } else {
            privileges = map(((PrivilegeListContext) privs).privilege(), p -> new Privilege(
                    p.colId() != null ? b.colId(p.colId()).value() : SqlLexer.foldAscii(p.start.getText()),
                    p.nameList() == null ? List.of() : b.nameList(p.nameList()), loc(p)));
        }
        ObjectType type;
        boolean allInSchema = false;
        List<List<Identifier>> objects;
        if (target instanceof TableTargetContext t) {
            type = ObjectType.TABLE;
            objects = map(t.qualifiedName(), b::qualifiedName);
        } else if (target instanceof ObjectTargetContext t) {
            type = switch (t.type.getType()) {
                case PostgreSqlLexer.SEQUENCE -> ObjectType.SEQUENCE;
                case PostgreSqlLexer.SCHEMA -> ObjectType.SCHEMA;
                case PostgreSqlLexer.DATABASE -> ObjectType.DATABASE;
                case PostgreSqlLexer.TYPE_P -> ObjectType.TYPE;
                default -> ObjectType.DOMAIN;
            };
            objects = map(t.anyName(), b::anyName);
        } else {
            AllInSchemaTargetContext t = (AllInSchemaTargetContext) target;
            type = t.type.getType() == PostgreSqlLexer.TABLES ? ObjectType.TABLE : ObjectType.SEQUENCE;
            allInSchema = true;
            objects = map(t.nameList().colId(), c -> List.of(b.colId(c)));
        }
        return new Grant(grant, grantOptionFor, privileges, type, allInSchema, objects,
                map(grantees, g -> roleSpec(g.roleSpec())), withGrantOption,
                grantedBy == null ? null : roleSpec(grantedBy), cascade, l);
    }

    /** A role name; CURRENT_USER and the like are their unquoted lower-case names. */
    private Identifier roleSpec(RoleSpecContext ctx) {
        if (ctx.nonReservedWord() != null) {
            return b.name(ctx.nonReservedWord());
        }
        return Identifier.of(SqlLexer.foldAscii(ctx.getText()));
    }
}
