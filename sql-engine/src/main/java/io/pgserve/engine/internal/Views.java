package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.sql.ast.Alias;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.Node;
import io.pgserve.sql.ast.SubqueryTable;
import io.pgserve.sql.ast.TableName;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Views: a view named in FROM is its stored query, as a subquery under the view's name and column names. */
final class Views {
    private Views() {
    }

    /** The view {@code t} names, as a subquery, or null when {@code t} is not a view (a table comes first). */
    static SubqueryTable asSubquery(Catalog catalog, List<String> searchPath, TableName t) {
        List<String> n = Binder.names(t.name());
        Catalog.View view = null;
        if (n.size() == 2) {
            view = catalog.view(n.get(0), n.get(1));
        } else if (n.size() == 1) {
            for (String schema : searchPath) {
                if (catalog.table(schema, n.get(0)) != null) {
                    return null;
                }
                view = catalog.view(schema, n.get(0));
                if (view != null) {
                    break;
                }
            }
        }
        if (view == null) {
            return null;
        }
        List<Identifier> cols = new ArrayList<>();
        view.columns().forEach(c -> cols.add(Identifier.of(c)));
        Alias alias;
        if (t.alias() == null) {
            alias = new Alias(Identifier.of(view.name()), cols, t.location());
        } else {
            List<Identifier> given = new ArrayList<>(t.alias().columns());
            for (int i = given.size(); i < cols.size(); i++) {
                given.add(cols.get(i));
            }
            alias = new Alias(t.alias().name(), given, t.alias().location());
        }
        return new SubqueryTable(view.query(), false, alias, t.location());
    }

    /** Every relation name a statement mentions in FROM (for a view's dependencies). */
    static void tableNames(Object node, List<TableName> out) {
        if (node instanceof TableName t) {
            out.add(t);
        }
        if (node instanceof List<?> list) {
            for (Object o : list) {
                tableNames(o, out);
            }
        } else if (node instanceof Node && node.getClass().isRecord()) {
            for (RecordComponent rc : node.getClass().getRecordComponents()) {
                try {
                    Object v = rc.getAccessor().invoke(node);
                    if (v instanceof Node || v instanceof List<?>) {
                        tableNames(v, out);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
