package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SelectItem;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.Join;
import io.pgserve.sql.ast.SetOperation;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.TableRef;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A view's definition as PostgreSQL 15's pg_get_viewdef prints it (ruleutils with PRETTYFLAG_INDENT):
 * <pre>
 *  SELECT e.id,
 *     d.name AS dept
 *    FROM emp e
 *      JOIN dept d ON e.dept_id = d.id
 *   WHERE (e.salary &gt; 100::numeric);
 * </pre>
 * SELECTs over tables, views, joins (ON, USING), FROM sub-SELECTs and WITH queries, with DISTINCT [ON], WHERE,
 * GROUP BY, HAVING, ORDER BY, OFFSET, LIMIT, UNION / INTERSECT / EXCEPT [ALL] (nested ones parenthesised as ruleutils
 * does), and sub-SELECTs in expressions. Columns are qualified with their
 * range entry's name (renamed {@code emp_1} when an enclosing level has that name too), each target is on its own
 * line, {@code AS} is printed where the output name is not the column's; expressions are {@link ExprText}'s. Any
 * other query is shown as written ({@link Catalog.View#text()}): this class never guesses. The forms known to print
 * differently are listed in ViewTextGoldenTest.
 */
final class ViewText {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();

    private ViewText() {
    }

    /** A relation a view's FROM names: its schema and name, whether visible unqualified, its columns. */
    record Source(String schema, String name, boolean visible, List<SchemaModel.Column> columns) {
    }

    /**
     * The text of {@code v}, whose names resolve in {@code catalog} along {@code searchPath}; {@code pretty} as
     * pg_get_viewdef(view, true) prints it (only the parentheses operators need).
     */
    static String of(Catalog.View v, Catalog catalog, List<String> searchPath, boolean pretty) {
        String text = deparse(v.query(), v.columns(), name -> source(catalog, searchPath, name), pretty);
        return text != null ? text : v.text();
    }

    /**
     * A view's definition as pg_get_viewdef prints it (given as text, {@code definition}), printed again pretty
     * with the columns the snapshot knows; the text as given when it is not a form this class deparses.
     */
    static String pretty(String definition, List<String> viewColumns, CatalogSnapshot s) {
        String sql = definition.strip();
        sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
        try {
            if (!(io.pgserve.sql.SqlParser.parse(sql) instanceof Query q)) {
                return definition;
            }
            String text = deparse(q, viewColumns, name -> {
                CatalogSnapshot.Rel rel = null;
                if (name.size() == 2) {
                    rel = s.find(name.get(0), name.get(1));
                } else {
                    for (String schema : s.searchPath) {
                        rel = rel != null ? rel : s.find(schema, name.get(0));
                    }
                }
                return rel == null ? null : new Source(rel.ns().name(), rel.name(), s.visible(rel), rel.columns());
            }, true);
            return text != null ? text : definition;
        } catch (io.pgserve.sql.SqlParseException e) {
            return definition;
        }
    }

    /**
     * {@code q} as pg_get_viewdef prints it, with the view's column names {@code viewColumns}; null when it has a
     * form this class does not deparse.
     */
    static String deparse(Query q, List<String> viewColumns, Function<List<String>, Source> resolve, boolean pretty) {
        try {
            return ExprText.trimBeforeCase(new Printer(resolve, pretty).query(q, 0, null, viewColumns, true).text())
                    + ";";
        } catch (ExprText.Unsupported u) {
            return null;
        }
    }

    /** A printed query: its text and its output columns (a FROM sub-SELECT's columns, a sub-SELECT's type). */
    private record Printed(String text, List<SchemaModel.Column> columns) {
    }

    /** A range table entry: the name the query wrote, the name ruleutils prints (unique), its columns. */
    private record Entry(String written, String refname, List<SchemaModel.Column> columns) {
        SchemaModel.Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** One query level's range entries; names not found here are looked up in the enclosing level. */
    private static final class Level implements ExprText.Scope {
        private final Printer printer;
        private final Level outer;
        private final List<Entry> entries = new ArrayList<>();
        /** A USING column: the entry whose column ruleutils prints for the merged column. */
        private final Map<String, Entry> merged = new HashMap<>();
        /** The WITH queries this level names, with their output columns. */
        private final Map<String, List<SchemaModel.Column>> ctes = new HashMap<>();

        Level(Printer printer, Level outer) {
            this.printer = printer;
            this.outer = outer;
        }

        /** Adds an entry; ruleutils renames one whose name an entry here or in an enclosing level has (emp_1). */
        Entry add(String written, List<SchemaModel.Column> columns) {
            String name = written;
            for (int i = 1; taken(name); i++) {
                name = written + "_" + i;
            }
            Entry e = new Entry(written, name, columns);
            entries.add(e);
            return e;
        }

        /** The columns of the WITH query {@code name} visible here; null when none. */
        List<SchemaModel.Column> cte(String name) {
            for (Level l = this; l != null; l = l.outer) {
                if (l.ctes.containsKey(name)) {
                    return l.ctes.get(name);
                }
            }
            return null;
        }

        private boolean taken(String name) {
            for (Level l = this; l != null; l = l.outer) {
                for (Entry e : l.entries) {
                    if (e.refname().equals(name)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public ExprText.Typed column(List<String> names) {
            Entry found = null;
            String name = names.get(names.size() - 1);
            if (names.size() == 2) {
                for (Entry e : entries) {
                    if (e.written().equals(names.get(0))) {
                        if (found != null) {
                            throw new ExprText.Unsupported();
                        }
                        found = e;
                    }
                }
            } else if (names.size() == 1) {
                found = merged.get(name);
                for (Entry e : entries) {
                    if (found == null && e.column(name) != null) {
                        found = e;
                    } else if (e != found && e.column(name) != null && !merged.containsKey(name)) {
                        throw new ExprText.Unsupported(); // ambiguous: not a query PostgreSQL accepts
                    }
                }
            }
            if (found == null || found.column(name) == null) {
                return found == null && outer != null && names.size() <= 2 ? outer.column(names) : null;
            }
            return new ExprText.Typed(Sql.quoteIdent(found.refname()) + "." + Sql.quoteIdent(name),
                    found.column(name).type());
        }

        @Override
        public ExprText.Typed subquery(Query q, int indent) {
            Printed p = printer.query(q, indent, this, List.of(), false);
            return new ExprText.Typed(p.text(), p.columns().get(0).type());
        }
    }

    /** Prints one view query: levels of range entries, ruleutils' indentation (level: its indentLevel). */
    private static final class Printer {
        private final Function<List<String>, Source> resolve;
        private final boolean pretty;

        Printer(Function<List<String>, Source> resolve, boolean pretty) {
            this.resolve = resolve;
            this.pretty = pretty;
        }

        Printed query(Query q, int level, Level outer, List<String> viewColumns, boolean namesVisible) {
            if (q.withTies() || !q.locking().isEmpty()) {
                throw new ExprText.Unsupported();
            }
            if (q.with() != null) {
                return with(q, level, outer, viewColumns, namesVisible);
            }
            if (q.body() instanceof Select s) {
                return select(s, q, level, outer, viewColumns, namesVisible);
            }
            if (q.body() instanceof SetOperation op && q.with() == null) {
                Printed p = setOperation(op, level, outer, viewColumns, namesVisible);
                StringBuilder sb = new StringBuilder(p.text());
                orderLimit(q, null, p.columns(), new Level(this, outer), level, sb);
                return new Printed(sb.toString(), p.columns());
            }
            throw new ExprText.Unsupported();
        }

        /** {@code WITH s AS (...) SELECT ...}: each WITH query indented one level, in parentheses on its own lines. */
        private Printed with(Query q, int level, Level outer, List<String> viewColumns, boolean namesVisible) {
            if (q.with().recursive()) {
                throw new ExprText.Unsupported();
            }
            Level ctes = new Level(this, outer);
            List<String> parts = new ArrayList<>();
            for (io.pgserve.sql.ast.CommonTableExpression c : q.with().ctes()) {
                if (c.materialized() != io.pgserve.sql.ast.CommonTableExpression.Materialized.DEFAULT
                        || !(c.statement() instanceof Query cq)) {
                    throw new ExprText.Unsupported();
                }
                List<String> names = new ArrayList<>();
                c.columns().forEach(i -> names.add(i.value()));
                Printed p = query(cq, level + 8, ctes, List.of(), true);
                List<SchemaModel.Column> columns = new ArrayList<>(); // WITH a (d): the query keeps its own names
                for (SchemaModel.Column col : p.columns()) {
                    columns.add(SchemaModel.Column.of(outputName(names, columns.size(), col.name()), col.type()));
                }
                ctes.ctes.put(c.name().value(), columns);
                List<String> quoted = new ArrayList<>();
                names.forEach(n -> quoted.add(Sql.quoteIdent(n)));
                String indent = "\n" + " ".repeat(level + 8);
                parts.add(Sql.quoteIdent(c.name().value()) + (names.isEmpty() ? "" : "(" + String.join(", ", quoted)
                        + ")") + " AS (" + indent + p.text() + indent + ")");
            }
            Printed main = query(new Query(null, q.body(), q.orderBy(), q.limit(), q.offset(), q.withTies(),
                    q.locking(), q.location()), level, ctes, viewColumns, namesVisible);
            return new Printed(" WITH " + String.join(", ", parts) + "\n" + " ".repeat(level) + main.text(),
                    main.columns());
        }

        /** {@code left UNION [ALL] right}, each arm at the same level; arms of one type only. */
        private Printed setOperation(SetOperation op, int level, Level outer, List<String> viewColumns,
                                     boolean namesVisible) {
            // ruleutils parenthesises (and indents) a left set operation of another kind and any right one
            boolean leftParen = op.left() instanceof SetOperation l && (l.operator() != op.operator()
                    || l.all() != op.all());
            Printed left = op.left() instanceof SetOperation l
                    ? setOperation(l, leftParen ? level + 8 : level, outer, viewColumns, namesVisible)
                    : arm(op.left(), level, outer, viewColumns, namesVisible);
            Printed right = op.right() instanceof SetOperation r
                    ? setOperation(r, level + 8, outer, viewColumns, namesVisible)
                    : arm(op.right(), level, outer, viewColumns, namesVisible);
            if (left.columns().size() != right.columns().size()) {
                throw new ExprText.Unsupported();
            }
            for (int i = 0; i < left.columns().size(); i++) {
                if (!left.columns().get(i).type().equals(right.columns().get(i).type())) {
                    throw new ExprText.Unsupported(); // the arms' implicit casts: not deparsed
                }
            }
            String pad = "\n" + " ".repeat(level);
            String keyword = op.operator().name() + (op.all() ? " ALL" : "");
            StringBuilder sb = new StringBuilder();
            if (leftParen) {
                sb.append("(\n").append(" ".repeat(level + 8)).append(left.text()).append(pad).append(") ")
                        .append(keyword);
            } else {
                sb.append(left.text()).append(pad).append(keyword);
            }
            if (op.right() instanceof SetOperation) {
                sb.append(" (\n").append(" ".repeat(level + 8)).append(right.text()).append(pad).append(')');
            } else {
                sb.append(pad).append(right.text());
            }
            return new Printed(sb.toString(), left.columns());
        }

        private Printed arm(io.pgserve.sql.ast.QueryExpression e, int level, Level outer, List<String> viewColumns,
                            boolean namesVisible) {
            if (!(e instanceof Select s)) {
                throw new ExprText.Unsupported();
            }
            return select(s, null, level, outer, viewColumns, namesVisible);
        }

        private Printed select(Select s, Query q, int level, Level outer, List<String> viewColumns,
                               boolean namesVisible) {
            if (!s.windows().isEmpty() || s.groupByDistinct()) {
                throw new ExprText.Unsupported();
            }
            Level scope = new Level(this, outer);
            List<String> from = new ArrayList<>();
            for (TableRef t : s.from()) {
                from.add(fromItem(t, scope, level));
            }
            int exprIndent = level + 8;
            StringBuilder sb = new StringBuilder(" SELECT ");
            if (!s.distinctOn().isEmpty()) {
                List<String> keys = new ArrayList<>();
                for (Expression e : s.distinctOn()) {
                    keys.add(sortKey(e, s, scope, exprIndent));
                }
                sb.append("DISTINCT ON (").append(String.join(", ", keys)).append(") ");
            } else if (s.distinct()) {
                sb.append("DISTINCT ");
            }
            List<SchemaModel.Column> columns = new ArrayList<>();
            List<String> targetTexts = new ArrayList<>();
            for (SelectItem item : s.targets()) {
                Expression e = item.expression();
                if (e instanceof ColumnRef c && c.star() && item.alias() == null) {
                    if (!scope.merged.isEmpty() || c.names().size() > 1) {
                        throw new ExprText.Unsupported(); // USING's merged columns first; schema.table.*
                    }
                    for (Entry entry : scope.entries) {
                        if (c.names().isEmpty() || c.names().get(0).value().equals(entry.written())) {
                            for (SchemaModel.Column col : entry.columns()) {
                                String name = outputName(viewColumns, columns.size(), col.name());
                                targetTexts.add(target(Sql.quoteIdent(entry.refname()) + "."
                                        + Sql.quoteIdent(col.name()), col.name(), name));
                                columns.add(SchemaModel.Column.of(name, col.type()));
                            }
                        }
                    }
                    continue;
                }
                ExprText.Typed expr = ExprText.resolveUnknown(e, scope, pretty, exprIndent);
                if (expr == null) {
                    throw new ExprText.Unsupported();
                }
                String own = e instanceof ColumnRef c && !c.star() ? c.names().get(c.names().size() - 1).value()
                        : null;
                String figured = item.alias() != null ? item.alias().value() : figure(e);
                String name = outputName(viewColumns, columns.size(), figured);
                columns.add(SchemaModel.Column.of(name, expr.type()));
                if (!namesVisible && own == null && item.alias() == null && name.equals("?column?")) {
                    own = name; // in a sub-SELECT whose column names are not visible, no "AS ?column?"
                }
                targetTexts.add(target(expr.text(), own, name));
            }
            for (int i = 0; i < targetTexts.size(); i++) {
                String t = targetTexts.get(i);
                if (t.startsWith("\n")) { // a CASE: its own line instead of the separator's
                    sb.append(i > 0 ? "," : "");
                    while (sb.charAt(sb.length() - 1) == ' ') {
                        sb.setLength(sb.length() - 1);
                    }
                } else if (i > 0) {
                    sb.append(",\n").append(" ".repeat(level + 4));
                }
                sb.append(t);
            }
            if (!from.isEmpty()) {
                sb.append("\n").append(" ".repeat(level + 3)).append("FROM ")
                        .append(String.join(",\n" + " ".repeat(level + 4), from));
            }
            if (s.where() != null) {
                sb.append("\n").append(" ".repeat(level + 2)).append("WHERE ")
                        .append(expr(s.where(), scope, exprIndent));
            }
            if (!s.groupBy().isEmpty()) {
                List<String> keys = new ArrayList<>();
                for (io.pgserve.sql.ast.GroupingElement g : s.groupBy()) {
                    if (!(g instanceof Expression e)) {
                        throw new ExprText.Unsupported(); // ROLLUP, CUBE, GROUPING SETS
                    }
                    keys.add(sortKey(e, s, scope, exprIndent));
                }
                sb.append("\n").append(" ".repeat(level + 2)).append("GROUP BY ").append(String.join(", ", keys));
            }
            if (s.having() != null) {
                sb.append("\n").append(" ".repeat(level + 1)).append("HAVING ")
                        .append(expr(s.having(), scope, exprIndent));
            }
            if (q != null) {
                orderLimit(q, s, columns, scope, level, sb);
            }
            return new Printed(sb.toString(), columns);
        }

        /** ORDER BY, OFFSET, LIMIT; over a set operation ({@code s} null) keys are output column numbers. */
        private void orderLimit(Query q, Select s, List<SchemaModel.Column> columns, Level scope, int level,
                                StringBuilder sb) {
            if (!q.orderBy().isEmpty()) {
                List<String> keys = new ArrayList<>();
                for (SortItem k : q.orderBy()) {
                    String suffix = ExprText.sortSuffix(k);
                    keys.add((s != null ? sortKey(k.expression(), s, scope, level + 8)
                            : columnNumber(k.expression(), columns)) + suffix);
                }
                sb.append("\n").append(" ".repeat(level + 2)).append("ORDER BY ").append(String.join(", ", keys));
            }
            if (q.offset() != null) {
                sb.append("\n").append(" ".repeat(level + 1)).append("OFFSET ")
                        .append(expr(q.offset(), scope, level + 8));
            }
            if (q.limit() != null) {
                sb.append("\n").append(" ".repeat(level + 1)).append("LIMIT ")
                        .append(expr(q.limit(), scope, level + 8));
            }
        }

        /** A set operation's ORDER BY key: its output column's number (by number or by name). */
        private static String columnNumber(Expression e, List<SchemaModel.Column> columns) {
            if (e instanceof io.pgserve.sql.ast.NumericLiteral n && n.value().matches("[0-9]{1,4}")
                    && Integer.parseInt(n.value()) >= 1 && Integer.parseInt(n.value()) <= columns.size()) {
                return n.value();
            }
            if (e instanceof ColumnRef c && c.names().size() == 1 && !c.star()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).name().equals(c.names().get(0).value())) {
                        return String.valueOf(i + 1);
                    }
                }
            }
            throw new ExprText.Unsupported();
        }

        /**
         * An ORDER BY or GROUP BY key: an output column's name or number stands for its expression; a column is
         * printed plain, a function call always in parentheses, anything else in parentheses when pretty.
         */
        private String sortKey(Expression e, Select s, Level scope, int indent) {
            if (e instanceof io.pgserve.sql.ast.NumericLiteral n && n.value().matches("[0-9]+")) {
                int i = Integer.parseInt(n.value());
                if (i < 1 || i > s.targets().size() || s.targets().get(i - 1).expression() instanceof ColumnRef c
                        && c.star()) {
                    throw new ExprText.Unsupported();
                }
                e = s.targets().get(i - 1).expression();
            } else if (e instanceof ColumnRef c && c.names().size() == 1 && !c.star()) {
                for (SelectItem item : s.targets()) {
                    if (item.alias() != null && item.alias().value().equals(c.names().get(0).value())) {
                        e = item.expression();
                        break;
                    }
                }
            }
            if (e instanceof io.pgserve.sql.ast.NumericLiteral || e instanceof io.pgserve.sql.ast.StringLiteral) {
                throw new ExprText.Unsupported(); // a constant key: ruleutils prints its column number
            }
            String text = expr(e, scope, indent);
            boolean paren = !(e instanceof ColumnRef) && (pretty || e instanceof FunctionCall);
            return paren ? "(" + text + ")" : text;
        }

        private String expr(Expression e, Level scope, int indent) {
            ExprText.Typed t = ExprText.viewExpression(e, scope, pretty, indent);
            return t == null ? thrown() : t.text();
        }

        /** A FROM item: a table, a sub-SELECT or a join; adds its range entries to {@code scope}. */
        private String fromItem(TableRef t, Level scope, int level) {
            if (t instanceof TableName tn) {
                if (tn.only() || tn.alias() != null && !tn.alias().columns().isEmpty() || tn.name().size() > 2) {
                    throw new ExprText.Unsupported();
                }
                List<String> name = new ArrayList<>();
                tn.name().forEach(i -> name.add(i.value()));
                List<SchemaModel.Column> cte = name.size() == 1 ? scope.cte(name.get(0)) : null;
                Source table = cte != null ? new Source(null, name.get(0), true, cte) : resolve.apply(name);
                if (table == null) {
                    throw new ExprText.Unsupported();
                }
                String written = tn.alias() != null ? tn.alias().name().value() : table.name();
                Entry e = scope.add(written, table.columns());
                String text = (table.visible() ? "" : Sql.quoteIdent(table.schema()) + ".")
                        + Sql.quoteIdent(table.name());
                return tn.alias() != null || !e.refname().equals(table.name()) ? text + " "
                        + Sql.quoteIdent(e.refname()) : text;
            }
            if (t instanceof io.pgserve.sql.ast.SubqueryTable sub) {
                if (sub.lateral() || sub.alias() == null || !sub.alias().columns().isEmpty()) {
                    throw new ExprText.Unsupported();
                }
                Printed p = query(sub.query(), level + 8, scope, List.of(), true);
                Entry e = scope.add(sub.alias().name().value(), p.columns());
                return "(" + p.text() + ") " + Sql.quoteIdent(e.refname());
            }
            if (t instanceof Join j && !j.natural() && j.alias() == null && j.usingAlias() == null
                    && !(j.right() instanceof Join)) {
                String left = fromItem(j.left(), scope, level);
                int before = scope.entries.size();
                String right = fromItem(j.right(), scope, level);
                String kind = switch (j.type()) {
                    case INNER -> j.on() == null && j.using().isEmpty() ? "CROSS JOIN" : "JOIN";
                    case LEFT -> "LEFT JOIN";
                    case RIGHT -> "RIGHT JOIN";
                    case FULL -> "FULL JOIN";
                    case CROSS -> "CROSS JOIN";
                };
                StringBuilder sb = new StringBuilder(pretty ? "" : "(").append(left).append("\n")
                        .append(" ".repeat(level + 5)).append(kind).append(' ').append(right);
                if (!j.using().isEmpty()) {
                    if (j.type() == Join.Type.FULL || before != scope.entries.size() - 1) {
                        throw new ExprText.Unsupported(); // a FULL JOIN's merged column is a COALESCE
                    }
                    List<String> names = new ArrayList<>();
                    Entry r = scope.entries.get(before);
                    for (io.pgserve.sql.ast.Identifier u : j.using()) {
                        Entry l = null;
                        for (Entry e : scope.entries.subList(0, before)) {
                            l = e.column(u.value()) != null ? e : l;
                        }
                        if (l == null || r.column(u.value()) == null || scope.merged.containsKey(u.value())) {
                            throw new ExprText.Unsupported();
                        }
                        scope.merged.put(u.value(), j.type() == Join.Type.RIGHT ? r : l);
                        names.add(Sql.quoteIdent(u.value()));
                    }
                    sb.append(" USING (").append(String.join(", ", names)).append(')');
                } else if (j.on() != null) {
                    String on = expr(j.on(), scope, level + 8);
                    sb.append(pretty ? " ON " + on : " ON (" + on + ")");
                }
                return pretty ? sb.toString() : sb.append(')').toString();
            }
            throw new ExprText.Unsupported();
        }
    }

    private static String thrown() {
        throw new ExprText.Unsupported();
    }

    /**
     * The name PostgreSQL gives an output column written without AS (its FigureColname): a column's name, a
     * function's, a cast's operand's or else its type's, case, coalesce, nullif, exists, else {@code ?column?}.
     */
    private static String figure(Expression e) {
        if (e instanceof ColumnRef c && !c.star()) {
            return c.names().get(c.names().size() - 1).value();
        } else if (e instanceof FunctionCall f) {
            return f.name().get(f.name().size() - 1).value();
        } else if (e instanceof io.pgserve.sql.ast.TypeCast c) {
            String inner = figure(c.operand());
            if (!inner.equals("?column?")) {
                return inner;
            }
            String type = c.type().names().get(c.type().names().size() - 1).value();
            return TYPES.byName(type).map(PgType::name).orElse(type);
        } else if (e instanceof io.pgserve.sql.ast.CaseExpr) {
            return "case";
        } else if (e instanceof io.pgserve.sql.ast.CoalesceExpr) {
            return "coalesce";
        } else if (e instanceof io.pgserve.sql.ast.NullIfExpr) {
            return "nullif";
        } else if (e instanceof io.pgserve.sql.ast.Exists) {
            return "exists";
        } else if (e instanceof io.pgserve.sql.ast.SqlValueFunction v) {
            return v.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        return "?column?";
    }

    /** The view's name for its {@code i}th column: the name given in CREATE VIEW v (a, b), else the query's. */
    private static String outputName(List<String> viewColumns, int i, String figured) {
        return i < viewColumns.size() ? viewColumns.get(i) : figured;
    }

    /** A target, with {@code AS name} unless it is a column of that same name. */
    private static String target(String expr, String column, String name) {
        return name.equals(column) ? expr : expr + " AS " + Sql.quoteIdent(name);
    }

    /** The table or view {@code name} names (along the search path when unqualified); null when none. */
    private static Source source(Catalog catalog, List<String> searchPath, List<String> name) {
        String n = name.get(name.size() - 1);
        String first = null;
        for (String schema : searchPath) {
            if (first == null && (catalog.table(schema, n) != null || catalog.view(schema, n) != null)) {
                first = schema;
            }
        }
        String schema = name.size() == 2 ? name.get(0) : first;
        if (schema == null) {
            return null;
        }
        Table table = catalog.table(schema, n);
        if (table != null) {
            List<SchemaModel.Column> columns = new ArrayList<>();
            for (TableColumn c : table.columns()) {
                columns.add(SchemaModel.Column.of(c.name(), c.type()));
            }
            return new Source(schema, n, schema.equals(first), columns);
        }
        Catalog.View view = catalog.view(schema, n);
        List<SchemaModel.Column> columns = view == null ? null
                : columns(view.query(), view.columns(), inner -> source(catalog, searchPath, inner));
        return columns == null ? null : new Source(schema, n, schema.equals(first), columns);
    }

    /** A view's output columns (names and types) from its query; null when the query is not a form deparsed. */
    static List<SchemaModel.Column> columns(Query q, List<String> viewColumns,
                                            Function<List<String>, Source> resolve) {
        try {
            return new Printer(resolve, true).query(q, 0, null, viewColumns, true).columns();
        } catch (ExprText.Unsupported u) {
            return null;
        }
    }
}
