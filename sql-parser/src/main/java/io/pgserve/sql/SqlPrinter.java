package io.pgserve.sql;

import io.pgserve.sql.ast.*;
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
import io.pgserve.sql.ast.Node;
import io.pgserve.sql.ast.NotExpr;
import io.pgserve.sql.ast.NullIfExpr;
import io.pgserve.sql.ast.NullLiteral;
import io.pgserve.sql.ast.NullTest;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.OnConflict;
import io.pgserve.sql.ast.OperatorName;
import io.pgserve.sql.ast.OtherStatement;
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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns an AST back into SQL text that {@link SqlParser} parses to an equal tree (parse, print, parse gives the
 * same tree). The output is on one line; every operand of an operator that is not a simple term is put in
 * parentheses, so the text does not depend on operator precedence; casts are printed as {@code CAST(x AS t)}
 * and built-in types by their SQL names where those give the same type back.
 *
 * <pre>{@code
 * String sql = SqlPrinter.print(SqlParser.parse("select A+b*2 from T"));  // SELECT a + (b * 2) FROM t
 * }</pre>
 */
public final class SqlPrinter {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_\\u0080-\\uffff][a-z0-9_$\\u0080-\\uffff]*");
    private static final Pattern ICONST = Pattern.compile("[0-9]+");
    private static final Map<String, String> SIMPLE_TYPES = Map.of("int2", "smallint", "int4", "integer",
            "int8", "bigint", "float4", "real", "float8", "double precision", "bool", "boolean");

    private final StringBuilder out = new StringBuilder();
    private final Dialect dialect;

    private SqlPrinter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The SQL text of any node (a statement, an expression, a type name, a FROM item, ...). */
    public static String print(Node node) {
        return print(node, null);
    }

    /**
     * The SQL text of a node in another SQL dialect: {@code dialect} may print any statement, query, expression,
     * FROM item or type name itself (and quote identifiers its own way); what it leaves alone is printed as
     * PostgreSQL's. {@code null} is PostgreSQL's dialect.
     */
    public static String print(Node node, Dialect dialect) {
        SqlPrinter p = new SqlPrinter(dialect);
        p.node(node);
        return p.out.toString();
    }

    /**
     * How another SQL engine's dialect differs from PostgreSQL's, for {@link #print(Node, Dialect)}: a hook asked
     * before each statement, query, expression, FROM item and type name is printed.
     *
     * <pre>{@code
     * SqlPrinter.Dialect sqlite = (node, out) -> {
     *     if (node instanceof FunctionCall f && f.name().equals(List.of(Identifier.of("now")))) {
     *         out.text("datetime('now')");        // SQLite's spelling of now()
     *         return true;
     *     }
     *     return false;                          // everything else as PostgreSQL prints it
     * };
     * String sql = SqlPrinter.print(SqlParser.parse("select now()"), sqlite);  // SELECT datetime('now')
     * }</pre>
     */
    public interface Dialect {
        /**
         * Prints {@code node} to {@code out} and returns true, or returns false (having printed nothing) for the
         * default form. Sub-nodes given to {@link Output#node} are printed with this dialect again.
         */
        boolean print(Node node, Output out);

        /**
         * An identifier that must be quoted (it is not lower case, is a keyword-like spelling, or was quoted), as
         * this dialect quotes it; PostgreSQL's double quotes by default.
         */
        default String quoteIdentifier(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
    }

    /** Where a {@link Dialect} writes its text. */
    public interface Output {
        /** Appends text as is. */
        Output text(String sql);

        /** Appends a node's text, printed with the same dialect (a node the dialect itself prints is not re-asked). */
        Output node(Node node);

        /** Appends a node's text as PostgreSQL prints it, without asking the dialect about this node (its sub-nodes still are). */
        Output defaultNode(Node node);
    }

    /** Asks the dialect to print {@code node}; true if it did. */
    private boolean hooked(Node node) {
        if (dialect == null || node == skipHook) {
            return false;
        }
        return dialect.print(node, output);
    }

    private Node skipHook;

    private final Output output = new Output() {
        @Override
        public Output text(String sql) {
            out.append(sql);
            return this;
        }

        @Override
        public Output node(Node node) {
            SqlPrinter.this.node(node);
            return this;
        }

        @Override
        public Output defaultNode(Node node) {
            Node outer = skipHook;
            skipHook = node;
            try {
                SqlPrinter.this.node(node);
            } finally {
                skipHook = outer;
            }
            return this;
        }
    };

    private void node(Node node) {
        if (node instanceof Statement s) {
            statement(s);
        } else if (node instanceof QueryExpression q) {
            queryExpression(q);
        } else if (node instanceof Expression e) {
            expr(e);
        } else if (node instanceof GroupingSet g) {
            groupingElement(g);
        } else if (node instanceof TableRef t) {
            tableRef(t);
        } else if (node instanceof TypeName t) {
            typeName(t);
        } else if (node instanceof SelectItem s) {
            selectItem(s);
        } else if (node instanceof SortItem s) {
            sortItem(s);
        } else if (node instanceof WithClause w) {
            with(w);
        } else if (node instanceof WindowDefinition w) {
            windowSpec(w);
        } else if (node instanceof Alias a) {
            alias(a);
        } else if (node instanceof SetClause s) {
            setClause(s);
        } else if (node instanceof SetTarget s) {
            setTarget(s);
        } else if (node instanceof IndirectionStep s) {
            step(s);
        } else {
            throw new IllegalArgumentException("cannot print a " + node.getClass().getSimpleName() + " alone");
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Statements

    private void statement(Statement s) {
        if (hooked(s)) {
            return;
        }
        if (s instanceof Query q) {
            query(q);
        } else if (s instanceof Insert i) {
            insert(i);
        } else if (s instanceof Update u) {
            update(u);
        } else if (s instanceof Delete d) {
            delete(d);
        } else if (s instanceof OtherStatement o) {
            out.append(o.sql());
        } else {
            utility(s);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Utility statements

    private void utility(Statement s) {
        if (s instanceof CreateTable c) {
            createTable(c);
        } else if (s instanceof CreateTableAs c) {
            out.append("CREATE ").append(persistence(c.persistence())).append("TABLE ");
            ifNotExists(c.ifNotExists());
            idents(c.name());
            if (!c.columns().isEmpty()) {
                out.append(" (");
                idents(c.columns(), ", ");
                out.append(')');
            }
            withOptions(c.options());
            onCommit(c.onCommit());
            tablespace(c.tablespace());
            out.append(" AS ");
            query(c.query());
            if (!c.withData()) {
                out.append(" WITH NO DATA");
            }
        } else if (s instanceof AlterTable a) {
            out.append("ALTER TABLE ");
            if (a.ifExists()) {
                out.append("IF EXISTS ");
            }
            tableRef(a.table());
            out.append(' ');
            list(a.actions(), this::alterTableAction);
        } else if (s instanceof Drop d) {
            out.append("DROP ").append(d.type().sql()).append(' ');
            if (d.concurrently()) {
                out.append("CONCURRENTLY ");
            }
            if (d.ifExists()) {
                out.append("IF EXISTS ");
            }
            list(d.names(), this::idents);
            cascade(d.cascade());
        } else if (s instanceof CreateSchema c) {
            out.append("CREATE SCHEMA ");
            ifNotExists(c.ifNotExists());
            if (c.name() != null) {
                ident(c.name());
                out.append(c.authorization() != null ? " " : "");
            }
            if (c.authorization() != null) {
                out.append("AUTHORIZATION ");
                ident(c.authorization());
            }
        } else if (s instanceof CreateIndex c) {
            createIndex(c);
        } else if (s instanceof CreateView c) {
            out.append("CREATE ");
            if (c.orReplace()) {
                out.append("OR REPLACE ");
            }
            out.append(persistence(c.persistence()));
            if (c.recursive()) {
                out.append("RECURSIVE ");
            }
            out.append("VIEW ");
            idents(c.name());
            if (!c.columns().isEmpty()) {
                out.append(" (");
                idents(c.columns(), ", ");
                out.append(')');
            }
            withOptions(c.options());
            out.append(" AS ");
            query(c.query());
            if (c.checkOption() != CreateView.CheckOption.NONE) {
                out.append(c.checkOption() == CreateView.CheckOption.LOCAL ? " WITH LOCAL CHECK OPTION"
                        : " WITH CASCADED CHECK OPTION");
            }
        } else if (s instanceof CreateSequence c) {
            out.append("CREATE ").append(persistence(c.persistence())).append("SEQUENCE ");
            ifNotExists(c.ifNotExists());
            idents(c.name());
            for (SequenceOption o : c.options()) {
                out.append(' ');
                sequenceOption(o);
            }
        } else if (s instanceof AlterSequence a) {
            out.append("ALTER SEQUENCE ");
            if (a.ifExists()) {
                out.append("IF EXISTS ");
            }
            idents(a.name());
            for (SequenceOption o : a.options()) {
                out.append(' ');
                sequenceOption(o);
            }
        } else if (s instanceof CreateEnumType c) {
            out.append("CREATE TYPE ");
            idents(c.name());
            out.append(" AS ENUM (");
            list(c.labels(), this::string);
            out.append(')');
        } else if (s instanceof AlterEnumType a) {
            out.append("ALTER TYPE ");
            idents(a.name());
            out.append(a.isRename() ? " RENAME VALUE " : " ADD VALUE ");
            if (!a.isRename()) {
                ifNotExists(a.ifNotExists());
            }
            string(a.label());
            if (a.isRename()) {
                out.append(" TO ");
                string(a.newLabel());
            } else if (a.neighbor() != null) {
                out.append(a.after() ? " AFTER " : " BEFORE ");
                string(a.neighbor());
            }
        } else if (s instanceof Truncate t) {
            out.append("TRUNCATE TABLE ");
            list(t.tables(), this::tableRef);
            if (t.restartIdentity()) {
                out.append(" RESTART IDENTITY");
            }
            cascade(t.cascade());
        } else if (s instanceof Lock lock) {
            out.append("LOCK TABLE ");
            list(lock.tables(), this::tableRef);
            out.append(" IN ").append(lock.mode()).append(" MODE");
            if (lock.nowait()) {
                out.append(" NOWAIT");
            }
        } else if (s instanceof Comment c) {
            out.append("COMMENT ON ").append(c.type().sql()).append(' ');
            idents(c.name());
            out.append(" IS ");
            if (c.text() == null) {
                out.append("NULL");
            } else {
                string(c.text());
            }
        } else if (s instanceof Copy c) {
            copy(c);
        } else if (s instanceof SetVariable v) {
            setVariable(v);
        } else if (s instanceof SetTransaction t) {
            out.append(t.sessionCharacteristics() ? "SET SESSION CHARACTERISTICS AS TRANSACTION " : "SET TRANSACTION ");
            transactionModes(t.modes());
        } else if (s instanceof ResetVariable r) {
            out.append("RESET ").append(r.name().equals("all") ? "ALL" : parameterName(r.name()));
        } else if (s instanceof Show r) {
            out.append("SHOW ").append(r.name().equals("all") ? "ALL" : parameterName(r.name()));
        } else if (s instanceof TransactionStatement t) {
            transaction(t);
        } else if (s instanceof Prepare p) {
            out.append("PREPARE ");
            ident(p.name());
            if (!p.types().isEmpty()) {
                out.append(" (");
                list(p.types(), this::typeName);
                out.append(')');
            }
            out.append(" AS ");
            statement(p.statement());
        } else if (s instanceof Execute e) {
            out.append("EXECUTE ");
            ident(e.name());
            if (!e.arguments().isEmpty()) {
                out.append('(');
                exprs(e.arguments());
                out.append(')');
            }
        } else if (s instanceof Deallocate d) {
            out.append("DEALLOCATE ");
            if (d.name() == null) {
                out.append("ALL");
            } else {
                ident(d.name());
            }
        } else if (s instanceof DeclareCursor d) {
            out.append("DECLARE ");
            ident(d.name());
            out.append(d.binary() ? " BINARY" : "").append(d.insensitive() ? " INSENSITIVE" : "");
            out.append(d.scroll() == DeclareCursor.Scroll.SCROLL ? " SCROLL"
                    : d.scroll() == DeclareCursor.Scroll.NO_SCROLL ? " NO SCROLL" : "");
            out.append(" CURSOR").append(d.hold() ? " WITH HOLD" : "").append(" FOR ");
            query(d.query());
        } else if (s instanceof Fetch f) {
            out.append(f.move() ? "MOVE " : "FETCH ").append(f.direction().name()).append(' ')
                    .append(f.count() == Fetch.ALL ? "ALL" : Long.toString(f.count())).append(" FROM ");
            ident(f.cursor());
        } else if (s instanceof Close c) {
            out.append("CLOSE ");
            if (c.cursor() == null) {
                out.append("ALL");
            } else {
                ident(c.cursor());
            }
        } else if (s instanceof Listen l) {
            out.append("LISTEN ");
            ident(l.channel());
        } else if (s instanceof Unlisten u) {
            out.append("UNLISTEN ");
            if (u.channel() == null) {
                out.append('*');
            } else {
                ident(u.channel());
            }
        } else if (s instanceof Notify n) {
            out.append("NOTIFY ");
            ident(n.channel());
            if (n.payload() != null) {
                out.append(", ");
                string(n.payload());
            }
        } else if (s instanceof Explain e) {
            out.append("EXPLAIN ");
            if (!e.options().isEmpty()) {
                out.append('(');
                list(e.options(), this::option);
                out.append(") ");
            }
            statement(e.statement());
        } else if (s instanceof Vacuum v) {
            out.append(v.vacuum() ? "VACUUM" : "ANALYZE");
            if (!v.options().isEmpty()) {
                out.append(" (");
                list(v.options(), this::option);
                out.append(')');
            }
            if (!v.tables().isEmpty()) {
                out.append(' ');
                list(v.tables(), t -> {
                    idents(t.table());
                    if (!t.columns().isEmpty()) {
                        out.append(" (");
                        idents(t.columns(), ", ");
                        out.append(')');
                    }
                });
            }
        } else if (s instanceof Discard d) {
            out.append("DISCARD ").append(d.target().name());
        } else if (s instanceof Call c) {
            out.append("CALL ");
            functionCall(c.call());
        } else if (s instanceof Do d) {
            out.append("DO ");
            if (d.language() != null) {
                out.append("LANGUAGE ");
                string(d.language());
                out.append(' ');
            }
            string(d.code());
        } else if (s instanceof Grant g) {
            grant(g);
        } else {
            throw new IllegalArgumentException("cannot print a " + s.getClass().getSimpleName());
        }
    }

    private static String persistence(Persistence p) {
        return p == Persistence.TEMPORARY ? "TEMPORARY " : p == Persistence.UNLOGGED ? "UNLOGGED " : "";
    }

    private void ifNotExists(boolean ifNotExists) {
        if (ifNotExists) {
            out.append("IF NOT EXISTS ");
        }
    }

    private void cascade(boolean cascade) {
        if (cascade) {
            out.append(" CASCADE");
        }
    }

    private void tablespace(Identifier ts) {
        if (ts != null) {
            out.append(" TABLESPACE ");
            ident(ts);
        }
    }

    private void onCommit(CreateTable.OnCommit onCommit) {
        switch (onCommit) {
            case DROP -> out.append(" ON COMMIT DROP");
            case DELETE_ROWS -> out.append(" ON COMMIT DELETE ROWS");
            case PRESERVE_ROWS -> out.append(" ON COMMIT PRESERVE ROWS");
            default -> { }
        }
    }

    private void withOptions(List<Option> options) {
        if (!options.isEmpty()) {
            out.append(" WITH (");
            list(options, o -> {
                out.append(o.name());
                if (o.value() != null) {
                    out.append(" = ");
                    optionValue(o.value());
                }
            });
            out.append(')');
        }
    }

    /** {@code name [value]} of COPY, EXPLAIN, VACUUM. */
    private void option(Option o) {
        if (PLAIN_IDENTIFIER.matcher(o.name()).matches()) {
            out.append(o.name());
        } else {
            ident(Identifier.quoted(o.name()));
        }
        if (o.value() != null) {
            out.append(' ');
            optionValue(o.value());
        }
    }

    private void optionValue(Expression v) {
        if (v instanceof ColumnRef c && c.star()) {
            out.append('*');
        } else if (v instanceof RowConstructor r) {
            out.append('(');
            exprs(r.fields());
            out.append(')');
        } else {
            expr(v);
        }
    }

    private void createTable(CreateTable c) {
        out.append("CREATE ").append(persistence(c.persistence())).append("TABLE ");
        ifNotExists(c.ifNotExists());
        idents(c.name());
        out.append(" (");
        list(c.elements(), this::tableElement);
        out.append(')');
        if (!c.inherits().isEmpty()) {
            out.append(" INHERITS (");
            list(c.inherits(), this::idents);
            out.append(')');
        }
        withOptions(c.options());
        onCommit(c.onCommit());
        tablespace(c.tablespace());
    }

    private void tableElement(TableElement e) {
        if (e instanceof ColumnDefinition c) {
            columnDefinition(c);
        } else if (e instanceof Constraint c) {
            constraint(c);
        } else {
            TableLike l = (TableLike) e;
            out.append("LIKE ");
            idents(l.table());
            for (String o : l.options()) {
                out.append(' ').append(o.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    private void columnDefinition(ColumnDefinition c) {
        ident(c.name());
        out.append(' ');
        typeName(c.type());
        if (!c.collation().isEmpty()) {
            out.append(" COLLATE ");
            idents(c.collation());
        }
        for (Constraint k : c.constraints()) {
            out.append(' ');
            constraint(k);
        }
    }

    private void constraint(Constraint c) {
        if (c.name() != null) {
            out.append("CONSTRAINT ");
            ident(c.name());
            out.append(' ');
        }
        switch (c.type()) {
            case NOT_NULL -> out.append("NOT NULL");
            case NULL -> out.append("NULL");
            case DEFAULT -> {
                out.append("DEFAULT ");
                // b_expr: anything but a simple term goes in parentheses.
                operand(c.expression());
            }
            case CHECK -> {
                out.append("CHECK (");
                expr(c.expression());
                out.append(')');
                if (c.noInherit()) {
                    out.append(" NO INHERIT");
                }
            }
            case PRIMARY_KEY, UNIQUE -> {
                out.append(c.type() == Constraint.Type.UNIQUE ? "UNIQUE" : "PRIMARY KEY");
                if (c.nullsNotDistinct()) {
                    out.append(" NULLS NOT DISTINCT");
                }
                if (!c.columns().isEmpty()) {
                    out.append(" (");
                    idents(c.columns(), ", ");
                    out.append(')');
                }
                if (!c.include().isEmpty()) {
                    out.append(" INCLUDE (");
                    idents(c.include(), ", ");
                    out.append(')');
                }
                withOptions(c.options());
                if (c.indexTablespace() != null) {
                    out.append(" USING INDEX TABLESPACE ");
                    ident(c.indexTablespace());
                }
            }
            case FOREIGN_KEY -> {
                if (!c.columns().isEmpty()) {
                    out.append("FOREIGN KEY (");
                    idents(c.columns(), ", ");
                    out.append(") ");
                }
                out.append("REFERENCES ");
                idents(c.referencedTable());
                if (!c.referencedColumns().isEmpty()) {
                    out.append(" (");
                    idents(c.referencedColumns(), ", ");
                    out.append(')');
                }
                if (c.match() != Constraint.Match.SIMPLE) {
                    out.append(" MATCH ").append(c.match().name());
                }
                if (c.onDelete() != Constraint.ReferentialAction.NO_ACTION) {
                    out.append(" ON DELETE ").append(c.onDelete().name().replace('_', ' '));
                }
                if (c.onUpdate() != Constraint.ReferentialAction.NO_ACTION) {
                    out.append(" ON UPDATE ").append(c.onUpdate().name().replace('_', ' '));
                }
            }
            case IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT -> {
                out.append(c.type() == Constraint.Type.IDENTITY_ALWAYS ? "GENERATED ALWAYS" : "GENERATED BY DEFAULT");
                out.append(" AS IDENTITY");
                if (!c.identityOptions().isEmpty()) {
                    out.append(" (");
                    for (int i = 0; i < c.identityOptions().size(); i++) {
                        out.append(i > 0 ? " " : "");
                        sequenceOption(c.identityOptions().get(i));
                    }
                    out.append(')');
                }
            }
            case GENERATED -> {
                out.append("GENERATED ALWAYS AS (");
                expr(c.expression());
                out.append(") STORED");
            }
        }
        if (c.deferrable()) {
            out.append(" DEFERRABLE");
        }
        if (c.initiallyDeferred()) {
            out.append(" INITIALLY DEFERRED");
        }
        if (c.notValid()) {
            out.append(" NOT VALID");
        }
    }

    private void sequenceOption(SequenceOption o) {
        switch (o.name()) {
            case "as" -> {
                out.append("AS ");
                typeName(o.type());
            }
            case "owned by", "sequence name" -> {
                out.append(o.name().toUpperCase(java.util.Locale.ROOT)).append(' ');
                idents(o.names());
            }
            default -> {
                out.append(o.name().toUpperCase(java.util.Locale.ROOT));
                if (o.value() != null) {
                    out.append(' ').append(o.value().value());
                }
            }
        }
    }

    private void alterTableAction(AlterTableAction a) {
        switch (a.kind()) {
            case ADD_COLUMN -> {
                out.append("ADD COLUMN ");
                if (a.ifExists()) {
                    out.append("IF NOT EXISTS ");
                }
                columnDefinition(a.column());
            }
            case ADD_CONSTRAINT -> {
                out.append("ADD ");
                constraint(a.constraint());
            }
            case DROP_COLUMN, DROP_CONSTRAINT -> {
                out.append(a.kind() == AlterTableAction.Kind.DROP_COLUMN ? "DROP COLUMN " : "DROP CONSTRAINT ");
                if (a.ifExists()) {
                    out.append("IF EXISTS ");
                }
                ident(a.name());
                cascade(a.cascade());
            }
            case SET_DEFAULT -> {
                alterColumn(a);
                out.append(" SET DEFAULT ");
                expr(a.expression());
            }
            case DROP_DEFAULT -> {
                alterColumn(a);
                out.append(" DROP DEFAULT");
            }
            case SET_NOT_NULL -> {
                alterColumn(a);
                out.append(" SET NOT NULL");
            }
            case DROP_NOT_NULL -> {
                alterColumn(a);
                out.append(" DROP NOT NULL");
            }
            case ALTER_TYPE -> {
                alterColumn(a);
                out.append(" TYPE ");
                typeName(a.type());
                if (!a.collation().isEmpty()) {
                    out.append(" COLLATE ");
                    idents(a.collation());
                }
                if (a.expression() != null) {
                    out.append(" USING ");
                    expr(a.expression());
                }
            }
            case OWNER_TO -> {
                out.append("OWNER TO ");
                ident(a.newName());
            }
            case RENAME_COLUMN, RENAME_CONSTRAINT -> {
                out.append(a.kind() == AlterTableAction.Kind.RENAME_COLUMN ? "RENAME COLUMN " : "RENAME CONSTRAINT ");
                ident(a.name());
                out.append(" TO ");
                ident(a.newName());
            }
            case RENAME_TABLE -> {
                out.append("RENAME TO ");
                ident(a.newName());
            }
            case SET_SCHEMA -> {
                out.append("SET SCHEMA ");
                ident(a.newName());
            }
        }
    }

    private void alterColumn(AlterTableAction a) {
        out.append("ALTER COLUMN ");
        ident(a.name());
    }

    private void createIndex(CreateIndex c) {
        out.append("CREATE ").append(c.unique() ? "UNIQUE " : "").append("INDEX ");
        if (c.concurrently()) {
            out.append("CONCURRENTLY ");
        }
        if (c.name() != null) {
            ifNotExists(c.ifNotExists());
            ident(c.name());
            out.append(' ');
        }
        out.append("ON ");
        tableRef(c.table());
        if (c.method() != null) {
            out.append(" USING ");
            ident(c.method());
        }
        out.append(" (");
        list(c.elements(), e -> {
            indexElement(e.expression());
            if (!e.opclass().isEmpty()) {
                out.append(' ');
                idents(e.opclass());
            }
            if (e.direction() == SortItem.Direction.ASC) {
                out.append(" ASC");
            } else if (e.direction() == SortItem.Direction.DESC) {
                out.append(" DESC");
            }
            if (e.nulls() != SortItem.Nulls.DEFAULT) {
                out.append(e.nulls() == SortItem.Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
            }
        });
        out.append(')');
        if (!c.include().isEmpty()) {
            out.append(" INCLUDE (");
            idents(c.include(), ", ");
            out.append(')');
        }
        if (c.nullsNotDistinct()) {
            out.append(" NULLS NOT DISTINCT");
        }
        withOptions(c.options());
        tablespace(c.tablespace());
        if (c.where() != null) {
            out.append(" WHERE ");
            expr(c.where());
        }
    }

    private void copy(Copy c) {
        out.append("COPY ");
        if (c.table() != null) {
            tableRef(c.table());
            if (!c.columns().isEmpty()) {
                out.append(" (");
                idents(c.columns(), ", ");
                out.append(')');
            }
        } else {
            out.append('(');
            statement(c.query());
            out.append(')');
        }
        out.append(c.from() ? " FROM " : " TO ");
        if (c.program()) {
            out.append("PROGRAM ");
        }
        if (c.file() != null) {
            string(c.file());
        } else {
            out.append(c.from() ? "STDIN" : "STDOUT");
        }
        if (!c.options().isEmpty()) {
            out.append(" (");
            list(c.options(), this::option);
            out.append(')');
        }
        if (c.where() != null) {
            out.append(" WHERE ");
            expr(c.where());
        }
    }

    private void setVariable(SetVariable v) {
        out.append(v.local() ? "SET LOCAL " : "SET ");
        if (v.name().equals("timezone") && v.values().size() == 1 && !v.fromCurrent()) {
            out.append("TIME ZONE ");
            Expression z = v.values().get(0);
            if (z instanceof TypeCast t) {
                // SET TIME ZONE INTERVAL '...' [qualifier] or INTERVAL(p) '...': an interval literal.
                List<Expression> mods = t.type().modifiers();
                String value = ((StringLiteral) t.operand()).value();
                if (t.type().intervalFields() == null && !mods.isEmpty()) {
                    out.append("INTERVAL(").append(((NumericLiteral) mods.get(0)).value()).append(") ");
                    string(value);
                } else {
                    out.append("INTERVAL ");
                    string(value);
                    if (t.type().intervalFields() != null) {
                        out.append(' ').append(t.type().intervalFields());
                        if (!mods.isEmpty()) {
                            out.append('(').append(((NumericLiteral) mods.get(0)).value()).append(')');
                        }
                    }
                }
            } else {
                expr(z);
            }
            return;
        }
        if (v.values().size() == 1 && v.values().get(0) instanceof StringLiteral value
                && (v.name().equals("role") || v.name().equals("session_authorization"))) {
            out.append(v.name().equals("role") ? "ROLE " : "SESSION AUTHORIZATION ");
            string(value.value());
            return;
        }
        out.append(parameterName(v.name()));
        if (v.fromCurrent()) {
            out.append(" FROM CURRENT");
        } else if (v.values().isEmpty()) {
            out.append(" TO DEFAULT");
        } else {
            out.append(" = ");
            exprs(v.values());
        }
    }

    /** A parameter name: dotted parts, quoted where needed. */
    private String parameterName(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(PLAIN_IDENTIFIER.matcher(part).matches() ? part : '"' + part.replace("\"", "\"\"") + '"');
        }
        return sb.toString();
    }

    private void transactionModes(List<TransactionMode> modes) {
        list(modes, m -> out.append(switch (m) {
            case ISOLATION_SERIALIZABLE -> "ISOLATION LEVEL SERIALIZABLE";
            case ISOLATION_REPEATABLE_READ -> "ISOLATION LEVEL REPEATABLE READ";
            case ISOLATION_READ_COMMITTED -> "ISOLATION LEVEL READ COMMITTED";
            case ISOLATION_READ_UNCOMMITTED -> "ISOLATION LEVEL READ UNCOMMITTED";
            case READ_ONLY -> "READ ONLY";
            case READ_WRITE -> "READ WRITE";
            case DEFERRABLE -> "DEFERRABLE";
            case NOT_DEFERRABLE -> "NOT DEFERRABLE";
        }));
    }

    private void transaction(TransactionStatement t) {
        switch (t.kind()) {
            case BEGIN, START -> {
                out.append(t.kind() == TransactionStatement.Kind.BEGIN ? "BEGIN" : "START TRANSACTION");
                if (!t.modes().isEmpty()) {
                    out.append(' ');
                    transactionModes(t.modes());
                }
            }
            case COMMIT, ROLLBACK -> out.append(t.kind().name()).append(t.chain() ? " AND CHAIN" : "");
            case SAVEPOINT, RELEASE, ROLLBACK_TO -> {
                out.append(t.kind() == TransactionStatement.Kind.SAVEPOINT ? "SAVEPOINT "
                        : t.kind() == TransactionStatement.Kind.RELEASE ? "RELEASE SAVEPOINT " : "ROLLBACK TO SAVEPOINT ");
                ident(t.savepoint());
            }
            case PREPARE, COMMIT_PREPARED, ROLLBACK_PREPARED -> {
                out.append(t.kind() == TransactionStatement.Kind.PREPARE ? "PREPARE TRANSACTION "
                        : t.kind() == TransactionStatement.Kind.COMMIT_PREPARED ? "COMMIT PREPARED " : "ROLLBACK PREPARED ");
                string(t.gid());
            }
        }
    }

    private void grant(Grant g) {
        out.append(g.grant() ? "GRANT " : "REVOKE ");
        if (g.grantOptionFor()) {
            out.append("GRANT OPTION FOR ");
        }
        if (g.privileges().isEmpty()) {
            out.append("ALL");
        } else {
            list(g.privileges(), p -> {
                out.append(p.name() == null ? "ALL" : p.name().toUpperCase(java.util.Locale.ROOT));
                if (!p.columns().isEmpty()) {
                    out.append(" (");
                    idents(p.columns(), ", ");
                    out.append(')');
                }
            });
        }
        out.append(" ON ");
        if (g.allInSchema()) {
            out.append(g.objectType() == ObjectType.TABLE ? "ALL TABLES IN SCHEMA " : "ALL SEQUENCES IN SCHEMA ");
        } else {
            out.append(g.objectType().sql()).append(' ');
        }
        list(g.objects(), this::idents);
        out.append(g.grant() ? " TO " : " FROM ");
        list(g.grantees(), this::ident);
        if (g.withGrantOption()) {
            out.append(" WITH GRANT OPTION");
        }
        if (g.grantedBy() != null) {
            out.append(" GRANTED BY ");
            ident(g.grantedBy());
        }
        cascade(g.cascade());
    }

    private void with(WithClause w) {
        out.append("WITH ");
        if (w.recursive()) {
            out.append("RECURSIVE ");
        }
        list(w.ctes(), c -> {
            ident(c.name());
            if (!c.columns().isEmpty()) {
                out.append('(');
                idents(c.columns(), ", ");
                out.append(')');
            }
            out.append(" AS ");
            if (c.materialized() == CommonTableExpression.Materialized.MATERIALIZED) {
                out.append("MATERIALIZED ");
            } else if (c.materialized() == CommonTableExpression.Materialized.NOT_MATERIALIZED) {
                out.append("NOT MATERIALIZED ");
            }
            out.append('(');
            statement(c.statement());
            out.append(')');
        });
        out.append(' ');
    }

    private void query(Query q) {
        if (hooked(q)) {
            return;
        }
        if (q.with() != null) {
            with(q.with());
        }
        queryExpression(q.body());
        if (!q.orderBy().isEmpty()) {
            out.append(" ORDER BY ");
            list(q.orderBy(), this::sortItem);
        }
        if (q.withTies()) {
            if (q.offset() != null) {
                out.append(" OFFSET ");
                expr(q.offset());
            }
            out.append(" FETCH FIRST (");
            expr(q.limit());
            out.append(") ROWS WITH TIES");
        } else {
            if (q.limit() != null) {
                out.append(" LIMIT ");
                if (q.limit() instanceof NullLiteral) {
                    out.append("ALL");
                } else {
                    expr(q.limit());
                }
            }
            if (q.offset() != null) {
                out.append(" OFFSET ");
                expr(q.offset());
            }
        }
        for (LockingClause l : q.locking()) {
            out.append(switch (l.strength()) {
                case UPDATE -> " FOR UPDATE";
                case NO_KEY_UPDATE -> " FOR NO KEY UPDATE";
                case SHARE -> " FOR SHARE";
                case KEY_SHARE -> " FOR KEY SHARE";
            });
            if (!l.tables().isEmpty()) {
                out.append(" OF ");
                list(l.tables(), this::idents);
            }
            if (l.waitPolicy() == LockingClause.WaitPolicy.NOWAIT) {
                out.append(" NOWAIT");
            } else if (l.waitPolicy() == LockingClause.WaitPolicy.SKIP_LOCKED) {
                out.append(" SKIP LOCKED");
            }
        }
    }

    private void queryExpression(QueryExpression q) {
        if (q instanceof Query nested) {
            query(nested);
        } else if (q instanceof Select s) {
            select(s);
        } else if (q instanceof Values v) {
            out.append("VALUES ");
            list(v.rows(), row -> {
                out.append('(');
                exprs(row);
                out.append(')');
            });
        } else {
            SetOperation op = (SetOperation) q;
            setOperand(op.left());
            out.append(' ').append(op.operator()).append(op.all() ? " ALL " : " ");
            setOperand(op.right());
        }
    }

    private void setOperand(QueryExpression q) {
        if (q instanceof SetOperation || q instanceof Query) {
            out.append('(');
            queryExpression(q);
            out.append(')');
        } else {
            queryExpression(q);
        }
    }

    private void select(Select s) {
        out.append("SELECT");
        if (s.distinct()) {
            out.append(" DISTINCT");
            if (!s.distinctOn().isEmpty()) {
                out.append(" ON (");
                exprs(s.distinctOn());
                out.append(')');
            }
        }
        if (!s.targets().isEmpty()) {
            out.append(' ');
            list(s.targets(), this::selectItem);
        }
        if (!s.from().isEmpty()) {
            out.append(" FROM ");
            list(s.from(), this::tableRef);
        }
        if (s.where() != null) {
            out.append(" WHERE ");
            expr(s.where());
        }
        if (!s.groupBy().isEmpty()) {
            out.append(s.groupByDistinct() ? " GROUP BY DISTINCT " : " GROUP BY ");
            list(s.groupBy(), this::groupingElement);
        }
        if (s.having() != null) {
            out.append(" HAVING ");
            expr(s.having());
        }
        if (!s.windows().isEmpty()) {
            out.append(" WINDOW ");
            list(s.windows(), w -> {
                ident(w.name());
                out.append(" AS ");
                windowSpec(w);
            });
        }
    }

    private void selectItem(SelectItem item) {
        if (item.expression() instanceof ColumnRef c && c.star() && c.names().isEmpty()) {
            out.append('*');
        } else {
            expr(item.expression());
        }
        if (item.alias() != null) {
            out.append(" AS ");
            ident(item.alias());
        }
    }

    private void groupingElement(GroupingElement g) {
        if (g instanceof Expression e) {
            expr(e);
            return;
        }
        GroupingSet set = (GroupingSet) g;
        switch (set.kind()) {
            case EMPTY -> out.append("()");
            case ROLLUP -> out.append("ROLLUP (");
            case CUBE -> out.append("CUBE (");
            case SETS -> out.append("GROUPING SETS (");
        }
        if (set.kind() != GroupingSet.Kind.EMPTY) {
            list(set.elements(), this::groupingElement);
            out.append(')');
        }
    }

    private void tableRef(TableRef t) {
        if (hooked(t)) {
            return;
        }
        if (t instanceof TableName n) {
            if (n.only()) {
                out.append("ONLY ");
            }
            idents(n.name());
            alias(n.alias());
        } else if (t instanceof SubqueryTable s) {
            if (s.lateral()) {
                out.append("LATERAL ");
            }
            out.append('(');
            query(s.query());
            out.append(')');
            alias(s.alias());
        } else if (t instanceof FunctionTable f) {
            if (f.lateral()) {
                out.append("LATERAL ");
            }
            expr(f.function());
            if (f.withOrdinality()) {
                out.append(" WITH ORDINALITY");
            }
            alias(f.alias());
        } else {
            join((Join) t);
        }
    }

    private void join(Join j) {
        if (j.alias() != null) {
            out.append('(');
        }
        if (j.left() instanceof Join l && l.alias() == null) {
            join(l);
        } else {
            tableRef(j.left());
        }
        if (j.type() == Join.Type.CROSS) {
            out.append(" CROSS JOIN ");
        } else {
            out.append(j.natural() ? " NATURAL" : "");
            out.append(switch (j.type()) {
                case LEFT -> " LEFT JOIN ";
                case RIGHT -> " RIGHT JOIN ";
                case FULL -> " FULL JOIN ";
                default -> " JOIN ";
            });
        }
        if (j.right() instanceof Join r && r.alias() == null) {
            out.append('(');
            join(r);
            out.append(')');
        } else {
            tableRef(j.right());
        }
        if (j.on() != null) {
            out.append(" ON ");
            expr(j.on());
        } else if (!j.using().isEmpty()) {
            out.append(" USING (");
            list(j.using(), this::ident);
            out.append(')');
            if (j.usingAlias() != null) {
                out.append(" AS ");
                ident(j.usingAlias());
            }
        }
        if (j.alias() != null) {
            out.append(')');
            alias(j.alias());
        }
    }

    private void alias(Alias a) {
        if (a == null) {
            return;
        }
        out.append(" AS ");
        ident(a.name());
        if (!a.columns().isEmpty()) {
            out.append('(');
            list(a.columns(), this::ident);
            out.append(')');
        }
    }

    private void windowSpec(WindowDefinition w) {
        out.append('(');
        String sep = "";
        if (w.refName() != null) {
            ident(w.refName());
            sep = " ";
        }
        if (!w.partitionBy().isEmpty()) {
            out.append(sep).append("PARTITION BY ");
            exprs(w.partitionBy());
            sep = " ";
        }
        if (!w.orderBy().isEmpty()) {
            out.append(sep).append("ORDER BY ");
            list(w.orderBy(), this::sortItem);
            sep = " ";
        }
        WindowFrame f = w.frame();
        if (f != null) {
            out.append(sep).append(f.mode()).append(' ');
            if (f.end() != null) {
                out.append("BETWEEN ");
                frameBound(f.start());
                out.append(" AND ");
                frameBound(f.end());
            } else {
                frameBound(f.start());
            }
            out.append(switch (f.exclusion()) {
                case NONE -> "";
                case CURRENT_ROW -> " EXCLUDE CURRENT ROW";
                case GROUP -> " EXCLUDE GROUP";
                case TIES -> " EXCLUDE TIES";
                case NO_OTHERS -> " EXCLUDE NO OTHERS";
            });
        }
        out.append(')');
    }

    private void frameBound(FrameBound b) {
        switch (b.kind()) {
            case UNBOUNDED_PRECEDING -> out.append("UNBOUNDED PRECEDING");
            case UNBOUNDED_FOLLOWING -> out.append("UNBOUNDED FOLLOWING");
            case CURRENT_ROW -> out.append("CURRENT ROW");
            case PRECEDING -> {
                operand(b.offset());
                out.append(" PRECEDING");
            }
            case FOLLOWING -> {
                operand(b.offset());
                out.append(" FOLLOWING");
            }
        }
    }

    private void sortItem(SortItem s) {
        expr(s.expression());
        switch (s.direction()) {
            case ASC -> out.append(" ASC");
            case DESC -> out.append(" DESC");
            case USING -> {
                out.append(" USING ");
                operator(s.usingOperator());
            }
            default -> {
            }
        }
        if (s.nulls() == SortItem.Nulls.FIRST) {
            out.append(" NULLS FIRST");
        } else if (s.nulls() == SortItem.Nulls.LAST) {
            out.append(" NULLS LAST");
        }
    }

    private void insert(Insert i) {
        if (i.with() != null) {
            with(i.with());
        }
        out.append("INSERT INTO ");
        idents(i.table());
        if (i.alias() != null) {
            out.append(" AS ");
            ident(i.alias());
        }
        if (i.source() == null) {
            out.append(" DEFAULT VALUES");
        } else {
            if (!i.columns().isEmpty()) {
                out.append(" (");
                list(i.columns(), this::setTarget);
                out.append(')');
            }
            if (i.overriding() == Insert.Overriding.USER_VALUE) {
                out.append(" OVERRIDING USER VALUE");
            } else if (i.overriding() == Insert.Overriding.SYSTEM_VALUE) {
                out.append(" OVERRIDING SYSTEM VALUE");
            }
            out.append(' ');
            query(i.source());
        }
        OnConflict c = i.onConflict();
        if (c != null) {
            out.append(" ON CONFLICT");
            if (!c.target().isEmpty()) {
                out.append(" (");
                list(c.target(), this::indexElement);
                out.append(')');
                if (c.targetWhere() != null) {
                    out.append(" WHERE ");
                    expr(c.targetWhere());
                }
            } else if (c.constraint() != null) {
                out.append(" ON CONSTRAINT ");
                ident(c.constraint());
            }
            if (c.doUpdate()) {
                out.append(" DO UPDATE SET ");
                list(c.set(), this::setClause);
                if (c.where() != null) {
                    out.append(" WHERE ");
                    expr(c.where());
                }
            } else {
                out.append(" DO NOTHING");
            }
        }
        returning(i.returning());
    }

    private void indexElement(Expression e) {
        Expression inner = e instanceof CollateExpr c ? c.operand() : e;
        if ((inner instanceof ColumnRef c && c.names().size() == 1 && !c.star())
                || (inner instanceof FunctionCall f && f.over() == null && f.filter() == null
                && f.withinGroup().isEmpty())) {
            expr(inner);
        } else {
            out.append('(');
            expr(inner);
            out.append(')');
        }
        if (e instanceof CollateExpr c) {
            out.append(" COLLATE ");
            idents(c.collation());
        }
    }

    private void update(Update u) {
        if (u.with() != null) {
            with(u.with());
        }
        out.append("UPDATE ");
        tableRef(u.table());
        out.append(" SET ");
        list(u.set(), this::setClause);
        if (!u.from().isEmpty()) {
            out.append(" FROM ");
            list(u.from(), this::tableRef);
        }
        where(u.where(), u.currentOf());
        returning(u.returning());
    }

    private void delete(Delete d) {
        if (d.with() != null) {
            with(d.with());
        }
        out.append("DELETE FROM ");
        tableRef(d.table());
        if (!d.using().isEmpty()) {
            out.append(" USING ");
            list(d.using(), this::tableRef);
        }
        where(d.where(), d.currentOf());
        returning(d.returning());
    }

    private void where(Expression where, Identifier currentOf) {
        if (currentOf != null) {
            out.append(" WHERE CURRENT OF ");
            ident(currentOf);
        } else if (where != null) {
            out.append(" WHERE ");
            expr(where);
        }
    }

    private void returning(List<SelectItem> items) {
        if (!items.isEmpty()) {
            out.append(" RETURNING ");
            list(items, this::selectItem);
        }
    }

    private void setClause(SetClause s) {
        if (s.multiple()) {
            out.append('(');
            list(s.targets(), this::setTarget);
            out.append(')');
        } else {
            setTarget(s.targets().get(0));
        }
        out.append(" = ");
        expr(s.value());
    }

    private void setTarget(SetTarget t) {
        ident(t.column());
        t.indirection().forEach(this::step);
    }

    // -----------------------------------------------------------------------------------------------------
    // Expressions

    /** An operand of an operator: in parentheses unless it is a simple term. */
    private void operand(Expression e) {
        if (isSimple(e)) {
            expr(e);
        } else {
            out.append('(');
            expr(e);
            out.append(')');
        }
    }

    private static boolean isSimple(Expression e) {
        if (e instanceof NumericLiteral n) {
            return !n.value().startsWith("-");
        }
        return e instanceof ColumnRef || e instanceof Parameter || e instanceof StringLiteral
                || e instanceof BitStringLiteral || e instanceof BooleanLiteral || e instanceof NullLiteral
                || e instanceof TypeCast || e instanceof FunctionCall || e instanceof CoalesceExpr
                || e instanceof MinMaxExpr || e instanceof NullIfExpr || e instanceof SqlValueFunction
                || e instanceof Exists || e instanceof SubqueryExpr || e instanceof ArraySubquery
                || e instanceof ArrayConstructor || e instanceof RowConstructor || e instanceof Indirection
                || e instanceof CaseExpr || e instanceof GroupingFunc;
    }

    private void expr(Expression e) {
        if (hooked(e)) {
            return;
        }
        if (e instanceof ColumnRef c) {
            if (c.names().isEmpty()) {
                out.append('*');
            } else {
                idents(c.names());
                if (c.star()) {
                    out.append(".*");
                }
            }
        } else if (e instanceof Parameter p) {
            out.append('$').append(p.index());
        } else if (e instanceof NumericLiteral n) {
            out.append(n.value());
        } else if (e instanceof StringLiteral s) {
            string(s.value());
        } else if (e instanceof BitStringLiteral b) {
            out.append(Character.toUpperCase(b.value().charAt(0))).append('\'').append(b.value().substring(1))
                    .append('\'');
        } else if (e instanceof BooleanLiteral b) {
            out.append(b.value() ? "TRUE" : "FALSE");
        } else if (e instanceof NullLiteral) {
            out.append("NULL");
        } else if (e instanceof TypeCast c) {
            out.append("CAST(");
            expr(c.operand());
            out.append(" AS ");
            typeName(c.type());
            out.append(')');
        } else if (e instanceof BinaryOp b) {
            operand(b.left());
            out.append(' ');
            operator(b.operator());
            out.append(' ');
            operand(b.right());
        } else if (e instanceof UnaryOp u) {
            operator(u.operator());
            out.append(' ');
            operand(u.operand());
        } else if (e instanceof LogicalExpr l) {
            String sep = l.operator() == LogicalExpr.Operator.AND ? " AND " : " OR ";
            for (int i = 0; i < l.operands().size(); i++) {
                if (i > 0) {
                    out.append(sep);
                }
                operand(l.operands().get(i));
            }
        } else if (e instanceof NotExpr n) {
            out.append("NOT ");
            operand(n.operand());
        } else if (e instanceof NullTest n) {
            operand(n.operand());
            out.append(n.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (e instanceof BooleanTest b) {
            operand(b.operand());
            out.append(b.negated() ? " IS NOT " : " IS ").append(b.value());
        } else if (e instanceof DistinctFrom d) {
            operand(d.left());
            out.append(d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
            operand(d.right());
        } else if (e instanceof Between b) {
            operand(b.operand());
            out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
            if (b.symmetric()) {
                out.append("SYMMETRIC ");
            }
            operand(b.lower());
            out.append(" AND ");
            operand(b.upper());
        } else if (e instanceof InList in) {
            operand(in.operand());
            out.append(in.negated() ? " NOT IN (" : " IN (");
            exprs(in.values());
            out.append(')');
        } else if (e instanceof InSubquery in) {
            operand(in.operand());
            out.append(in.negated() ? " NOT IN (" : " IN (");
            query(in.query());
            out.append(')');
        } else if (e instanceof Like l) {
            operand(l.operand());
            out.append(l.negated() ? " NOT " : " ").append(switch (l.kind()) {
                case LIKE -> "LIKE ";
                case ILIKE -> "ILIKE ";
                case SIMILAR_TO -> "SIMILAR TO ";
            });
            operand(l.pattern());
            if (l.escape() != null) {
                out.append(" ESCAPE ");
                operand(l.escape());
            }
        } else if (e instanceof QuantifiedComparison q) {
            operand(q.left());
            out.append(' ');
            operator(q.operator());
            out.append(' ').append(q.quantifier()).append(" (");
            if (q.right() instanceof SubqueryExpr s) {
                query(s.query());
            } else {
                expr(q.right());
            }
            out.append(')');
        } else if (e instanceof Exists x) {
            out.append("EXISTS (");
            query(x.query());
            out.append(')');
        } else if (e instanceof SubqueryExpr s) {
            out.append('(');
            query(s.query());
            out.append(')');
        } else if (e instanceof ArraySubquery a) {
            out.append("ARRAY(");
            query(a.query());
            out.append(')');
        } else if (e instanceof ArrayConstructor a) {
            out.append("ARRAY[");
            exprs(a.elements());
            out.append(']');
        } else if (e instanceof RowConstructor r) {
            out.append(r.explicit() || r.fields().size() < 2 ? "ROW(" : "(");
            exprs(r.fields());
            out.append(')');
        } else if (e instanceof Indirection i) {
            indirection(i);
        } else if (e instanceof CaseExpr c) {
            out.append("CASE");
            if (c.operand() != null) {
                out.append(' ');
                expr(c.operand());
            }
            for (WhenClause w : c.whens()) {
                out.append(" WHEN ");
                expr(w.condition());
                out.append(" THEN ");
                expr(w.result());
            }
            if (c.elseResult() != null) {
                out.append(" ELSE ");
                expr(c.elseResult());
            }
            out.append(" END");
        } else if (e instanceof FunctionCall f) {
            functionCall(f);
        } else if (e instanceof CoalesceExpr c) {
            out.append("COALESCE(");
            exprs(c.arguments());
            out.append(')');
        } else if (e instanceof MinMaxExpr m) {
            out.append(m.kind()).append('(');
            exprs(m.arguments());
            out.append(')');
        } else if (e instanceof NullIfExpr n) {
            out.append("NULLIF(");
            expr(n.left());
            out.append(", ");
            expr(n.right());
            out.append(')');
        } else if (e instanceof SqlValueFunction f) {
            out.append(f.kind());
            if (f.precision() != null) {
                out.append('(').append(f.precision()).append(')');
            }
        } else if (e instanceof CollateExpr c) {
            operand(c.operand());
            out.append(" COLLATE ");
            idents(c.collation());
        } else if (e instanceof GroupingFunc g) {
            out.append("GROUPING(");
            exprs(g.arguments());
            out.append(')');
        } else if (e instanceof DefaultExpr) {
            out.append("DEFAULT");
        } else {
            throw new IllegalArgumentException("unknown expression " + e);
        }
    }

    private void indirection(Indirection i) {
        Expression base = i.base();
        boolean bare = base instanceof Parameter || (base instanceof ColumnRef c && !c.star()
                && i.steps().get(0) instanceof IndirectionStep.Subscript);
        if (bare) {
            expr(base);
        } else {
            out.append('(');
            expr(base);
            out.append(')');
        }
        i.steps().forEach(this::step);
    }

    private void step(IndirectionStep s) {
        if (s instanceof IndirectionStep.Field f) {
            out.append('.');
            ident(f.name());
        } else if (s instanceof IndirectionStep.Star) {
            out.append(".*");
        } else {
            IndirectionStep.Subscript sub = (IndirectionStep.Subscript) s;
            out.append('[');
            if (sub.lower() != null) {
                expr(sub.lower());
            }
            if (sub.slice()) {
                out.append(':');
                if (sub.upper() != null) {
                    expr(sub.upper());
                }
            }
            out.append(']');
        }
    }

    private void functionCall(FunctionCall f) {
        idents(f.name());
        out.append('(');
        if (f.star()) {
            out.append('*');
        } else {
            if (f.distinct()) {
                out.append("DISTINCT ");
            }
            List<FunctionArgument> args = f.arguments();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (f.variadic() && i == args.size() - 1) {
                    out.append("VARIADIC ");
                }
                FunctionArgument a = args.get(i);
                if (a.name() != null) {
                    ident(a.name());
                    out.append(" => ");
                }
                expr(a.value());
            }
            if (!f.orderBy().isEmpty()) {
                out.append(" ORDER BY ");
                list(f.orderBy(), this::sortItem);
            }
        }
        out.append(')');
        if (!f.withinGroup().isEmpty()) {
            out.append(" WITHIN GROUP (ORDER BY ");
            list(f.withinGroup(), this::sortItem);
            out.append(')');
        }
        if (f.filter() != null) {
            out.append(" FILTER (WHERE ");
            expr(f.filter());
            out.append(')');
        }
        if (f.over() != null) {
            out.append(" OVER ");
            if (f.over().name() != null) {
                ident(f.over().name());
            } else {
                windowSpec(f.over());
            }
        }
    }

    private void operator(OperatorName op) {
        if (op.schema().isEmpty()) {
            out.append(op.symbol());
        } else {
            out.append("OPERATOR(");
            for (Identifier s : op.schema()) {
                ident(s);
                out.append('.');
            }
            out.append(op.symbol()).append(')');
        }
    }

    private void string(String value) {
        out.append('\'').append(value.replace("'", "''")).append('\'');
    }

    // -----------------------------------------------------------------------------------------------------
    // Type names

    private void typeName(TypeName t) {
        if (hooked(t)) {
            return;
        }
        if (t.setof()) {
            out.append("SETOF ");
        }
        if (!sqlTypeName(t)) {
            idents(t.names());
            if (!t.modifiers().isEmpty()) {
                out.append('(');
                exprs(t.modifiers());
                out.append(')');
            }
        }
        for (int bound : t.arrayBounds()) {
            out.append(bound < 0 ? "[]" : "[" + bound + "]");
        }
    }

    /** Prints a built-in type by its SQL name when that reads back as the same type; false if it does not. */
    private boolean sqlTypeName(TypeName t) {
        if (t.names().size() != 2 || !t.names().get(0).equals(Identifier.of("pg_catalog")) || t.names().get(1).quoted()) {
            return false;
        }
        String name = t.names().get(1).value();
        List<Expression> mods = t.modifiers();
        if (name.equals("interval")) {
            String p = mods.size() == 1 && isIconst(mods.get(0)) ? "(" + ((NumericLiteral) mods.get(0)).value() + ")"
                    : null;
            if (t.intervalFields() == null) {
                if (!mods.isEmpty() && p == null) {
                    return false;
                }
                out.append("interval").append(p == null ? "" : p);
                return true;
            }
            if (!mods.isEmpty() && (p == null || !t.intervalFields().endsWith("second"))) {
                return false;
            }
            out.append("interval ").append(t.intervalFields()).append(p == null ? "" : p);
            return true;
        }
        if (t.intervalFields() != null) {
            return false;
        }
        String simple = SIMPLE_TYPES.get(name);
        if (simple != null) {
            if (!mods.isEmpty()) {
                return false;
            }
            out.append(simple);
            return true;
        }
        boolean oneIconst = mods.size() == 1 && isIconst(mods.get(0));
        switch (name) {
            case "numeric":
                out.append("numeric");
                break;
            case "varchar":
                if (!mods.isEmpty() && !oneIconst) {
                    return false;
                }
                out.append("character varying");
                break;
            case "bpchar":
                if (!oneIconst) {
                    return false;
                }
                out.append("character");
                break;
            case "bit":
                if (mods.isEmpty()) {
                    return false;
                }
                out.append("bit");
                break;
            case "varbit":
                out.append("bit varying");
                break;
            case "timestamp": case "timestamptz": case "time": case "timetz":
                if (!mods.isEmpty() && !oneIconst) {
                    return false;
                }
                out.append(name.startsWith("timestamp") ? "timestamp" : "time");
                if (oneIconst) {
                    out.append('(').append(((NumericLiteral) mods.get(0)).value()).append(')');
                }
                out.append(name.endsWith("tz") ? " with time zone" : " without time zone");
                return true;
            default:
                return false;
        }
        if (!mods.isEmpty()) {
            out.append('(');
            exprs(mods);
            out.append(')');
        }
        return true;
    }

    private static boolean isIconst(Expression e) {
        return e instanceof NumericLiteral n && ICONST.matcher(n.value()).matches();
    }

    // -----------------------------------------------------------------------------------------------------

    private void ident(Identifier id) {
        if (!id.quoted() && PLAIN_IDENTIFIER.matcher(id.value()).matches()) {
            out.append(id.value());
        } else {
            out.append(dialect == null ? '"' + id.value().replace("\"", "\"\"") + '"'
                    : dialect.quoteIdentifier(id.value()));
        }
    }

    private void idents(List<Identifier> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append('.');
            }
            ident(names.get(i));
        }
    }

    private void idents(List<Identifier> names, String separator) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            ident(names.get(i));
        }
    }

    private void exprs(List<Expression> items) {
        list(items, this::expr);
    }

    private <T> void list(List<T> items, Consumer<T> each) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            each.accept(items.get(i));
        }
    }
}
