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
import io.pgserve.sql.ast.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A view's definition as PostgreSQL 15's pg_get_viewdef prints it (ruleutils with PRETTYFLAG_INDENT), for a SELECT
 * over one table with a target list, WHERE, ORDER BY and LIMIT:
 * <pre>
 *  SELECT review.id,
 *     review.isbn
 *    FROM review
 *   WHERE (review.stars &gt;= 4);
 * </pre>
 * Columns are qualified with the table's alias or name, every operator is parenthesised, each target is on its own
 * line. Any other query is shown as written ({@link Catalog.View#text()}): this class never guesses.
 */
final class ViewText {
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
        String text = deparse(v.query(), v.columns(), name -> {
            String n = name.get(name.size() - 1);
            Table first = firstOnPath(catalog, searchPath, n);
            Table table = name.size() == 2 ? catalog.table(name.get(0), n) : first;
            if (table == null) {
                return null;
            }
            List<SchemaModel.Column> columns = new ArrayList<>();
            for (TableColumn c : table.columns()) {
                columns.add(SchemaModel.Column.of(c.name(), c.type()));
            }
            return new Source(table.schema(), n, table == first, columns);
        }, pretty);
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

    private static String deparse(Query q, List<String> viewColumns,
                                  Function<List<String>, Source> resolve, boolean pretty) {
        if (q.with() != null || q.offset() != null || q.withTies() || !q.locking().isEmpty()
                || !(q.body() instanceof Select s) || s.distinct() || !s.distinctOn().isEmpty()
                || !s.groupBy().isEmpty() || s.having() != null || !s.windows().isEmpty() || s.from().size() != 1
                || !(s.from().get(0) instanceof TableName from) || from.only()
                || from.alias() != null && !from.alias().columns().isEmpty() || from.name().size() > 2) {
            return null;
        }
        List<String> fromName = new ArrayList<>();
        from.name().forEach(i -> fromName.add(i.value()));
        Source table = resolve.apply(fromName);
        if (table == null) {
            return null;
        }
        String name = table.name();
        boolean visible = table.visible();
        List<SchemaModel.Column> tableColumns = table.columns();
        Function<String, SchemaModel.Column> columns = n -> tableColumns.stream().filter(c -> c.name().equals(n))
                .findFirst().orElse(null);
        String qualifier = from.alias() != null ? from.alias().name().value() : name;
        List<String> targets = new ArrayList<>();
        for (SelectItem item : s.targets()) {
            Expression e = item.expression();
            if (e instanceof ColumnRef c && c.star() && item.alias() == null && (c.names().isEmpty()
                    || c.names().size() == 1 && c.names().get(0).value().equals(qualifier))) {
                for (SchemaModel.Column col : tableColumns) {
                    targets.add(target(Sql.quoteIdent(qualifier) + "." + Sql.quoteIdent(col.name()), col.name(),
                            outputName(viewColumns, targets.size(), col.name())));
                }
                continue;
            }
            String expr = ExprText.viewExpression(e, columns, qualifier, pretty);
            String own = e instanceof ColumnRef c ? c.names().get(c.names().size() - 1).value() : null;
            String figured = item.alias() != null ? item.alias().value() : own != null ? own
                    : e instanceof FunctionCall f ? f.name().get(f.name().size() - 1).value() : null;
            if (expr == null || figured == null) {
                return null;
            }
            targets.add(target(expr, own, outputName(viewColumns, targets.size(), figured)));
        }
        StringBuilder sb = new StringBuilder(" SELECT ").append(String.join(",\n    ", targets));
        sb.append("\n   FROM ");
        if (!visible) {
            sb.append(Sql.quoteIdent(table.schema())).append('.');
        }
        sb.append(Sql.quoteIdent(name));
        if (from.alias() != null) {
            sb.append(' ').append(Sql.quoteIdent(qualifier));
        }
        if (s.where() != null) {
            String where = ExprText.viewExpression(s.where(), columns, qualifier, pretty);
            if (where == null) {
                return null;
            }
            sb.append("\n  WHERE ").append(where);
        }
        if (!q.orderBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (SortItem k : q.orderBy()) {
                String key = k.direction() != SortItem.Direction.USING && k.expression() instanceof ColumnRef
                        ? ExprText.viewExpression(k.expression(), columns, qualifier, pretty) : null;
                if (key == null) {
                    return null; // an output column's name or number, USING...: not deparsed
                }
                boolean desc = k.direction() == SortItem.Direction.DESC;
                if (desc) {
                    key += " DESC";
                }
                if (k.nulls() == SortItem.Nulls.FIRST && !desc) {
                    key += " NULLS FIRST";
                } else if (k.nulls() == SortItem.Nulls.LAST && desc) {
                    key += " NULLS LAST";
                }
                keys.add(key);
            }
            sb.append("\n  ORDER BY ").append(String.join(", ", keys));
        }
        if (q.limit() != null) {
            String limit = ExprText.viewExpression(q.limit(), columns, qualifier, pretty);
            if (limit == null) {
                return null;
            }
            sb.append("\n LIMIT ").append(limit);
        }
        return sb.append(';').toString();
    }

    /** The view's name for its {@code i}th column: the name given in CREATE VIEW v (a, b), else the query's. */
    private static String outputName(List<String> viewColumns, int i, String figured) {
        return i < viewColumns.size() ? viewColumns.get(i) : figured;
    }

    /** A target, with {@code AS name} unless it is a column of that same name. */
    private static String target(String expr, String column, String name) {
        return name.equals(column) ? expr : expr + " AS " + Sql.quoteIdent(name);
    }

    private static Table firstOnPath(Catalog catalog, List<String> searchPath, String name) {
        for (String schema : searchPath) {
            Table t = catalog.table(schema, name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
