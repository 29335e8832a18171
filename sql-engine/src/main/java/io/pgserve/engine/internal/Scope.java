package io.pgserve.engine.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.NodeLocation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The relations of a FROM clause, as names resolve against them: one row is all their columns side by side. */
final class Scope {
    /** One FROM item: its name (alias or table name), columns, and place in the row. */
    static final class Rel {
        final String name;
        final String schema;
        final List<String> columnNames;
        final List<PgType> columnTypes;
        final int offset;
        final boolean[] used;
        final int tableOid;
        /** Columns merged away by JOIN USING: not found by an unqualified name. */
        final Set<String> hidden = new HashSet<>();

        Rel(String name, String schema, List<String> columnNames, List<PgType> columnTypes, int offset,
            boolean[] used, int tableOid) {
            this.name = name;
            this.schema = schema;
            this.columnNames = columnNames;
            this.columnTypes = columnTypes;
            this.offset = offset;
            this.used = used;
            this.tableOid = tableOid;
        }
    }

    final List<Rel> rels = new ArrayList<>();
    int width;

    Rel add(String name, String schema, List<String> names, List<PgType> types, boolean[] used, int tableOid) {
        Rel r = new Rel(name, schema, names, types, width, used, tableOid);
        rels.add(r);
        width += names.size();
        return r;
    }

    Expr.Column column(Rel r, int i, NodeLocation loc) {
        if (r.used != null) {
            r.used[i] = true;
        }
        return new Expr.Column(r.offset + i, r.columnTypes.get(i), r.columnNames.get(i), loc);
    }

    /** Resolves a column reference (1 to 3 names) or throws PostgreSQL's error. */
    Expr.Column resolve(List<String> names, NodeLocation loc) {
        int pos = loc.position();
        if (names.size() == 1) {
            String col = names.get(0);
            Expr.Column found = null;
            for (Rel r : rels) {
                int i = r.columnNames.indexOf(col);
                if (i >= 0 && !r.hidden.contains(col)) {
                    if (found != null) {
                        throw PgException.builder("42702", "column reference \"" + col + "\" is ambiguous")
                                .position(pos).build();
                    }
                    found = column(r, i, loc);
                }
            }
            if (found == null) {
                throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" does not exist")
                        .position(pos).build();
            }
            return found;
        }
        String col = names.get(names.size() - 1);
        Rel rel = relation(names.subList(0, names.size() - 1), loc);
        int i = rel.columnNames.indexOf(col);
        if (i < 0) {
            throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column " + names.get(names.size() - 2) + "." + col
                    + " does not exist").position(pos).build();
        }
        return column(rel, i, loc);
    }

    /** The FROM item named {@code qualifier} (a name, or schema and name). */
    Rel relation(List<String> qualifier, NodeLocation loc) {
        String name = qualifier.get(qualifier.size() - 1);
        String schema = qualifier.size() > 1 ? qualifier.get(qualifier.size() - 2) : null;
        Rel found = null;
        for (Rel r : rels) {
            if (r.name.equals(name) && (schema == null || schema.equals(r.schema))) {
                if (found != null) {
                    throw PgException.builder("42P09", "table reference \"" + name + "\" is ambiguous")
                            .position(loc.position()).build();
                }
                found = r;
            }
        }
        if (found == null) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + name
                    + "\"").position(loc.position()).build();
        }
        return found;
    }
}
