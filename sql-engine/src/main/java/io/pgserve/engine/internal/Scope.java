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
        /** A table's primary key (column indexes), for GROUP BY's functional dependencies; null when none. */
        int[] primaryKey;
        /** A table's own column names, which its whole row keeps under column aliases; null: the column names. */
        List<String> rowNames;
        /** The columns' type modifiers (RowDescription's); null when all are -1. */
        int[] typmods;

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

    /**
     * The outer references of a query level: names not found in its FROM clause resolve in {@link #outer}'s scope
     * (and up); each distinct one becomes an argument, evaluated over the outer row when the level is run, read
     * inside it by {@link OuterRef}.
     */
    static final class Correlation {
        final Scope outer;
        final List<Expr> args = new ArrayList<>();

        Correlation(Scope outer) {
            this.outer = outer;
        }

        OuterRef ref(Expr outerExpr, String name) {
            int slot = args.indexOf(outerExpr);
            if (slot < 0) {
                slot = args.size();
                args.add(outerExpr);
            }
            return new OuterRef(slot, outerExpr.type(), name);
        }
    }

    /** A value of the enclosing query level: constant while this level runs once. */
    record OuterRef(int slot, PgType type, String name) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            return ctx.outer(slot);
        }

        @Override
        public boolean isConstant() {
            return true;
        }
    }

    final List<Rel> rels = new ArrayList<>();
    int width;
    /** Where outer references go; null for a top-level query (or a scope that sees no enclosing level). */
    final Correlation correlation;

    Scope() {
        this(null);
    }

    Scope(Correlation correlation) {
        this.correlation = correlation;
    }

    Rel add(String name, String schema, List<String> names, List<PgType> types, boolean[] used, int tableOid) {
        Rel r = new Rel(name, schema, names, types, width, used, tableOid);
        rels.add(r);
        width += names.size();
        return r;
    }

    /** Sets the type modifiers of a relation's columns. */
    static void typmods(Rel r, List<Plan.OutColumn> columns) {
        int[] mods = new int[columns.size()];
        boolean any = false;
        for (int i = 0; i < mods.length; i++) {
            mods[i] = columns.get(i).typmod();
            any |= mods[i] != -1;
        }
        r.typmods = any ? mods : null;
    }

    /**
     * The type modifier of a bound expression's result, as PostgreSQL's exprTypmod gives it: a column's, an explicit
     * cast's, one that CASE, COALESCE, GREATEST/LEAST all agree on, NULLIF's first argument's, a scalar sub-SELECT's
     * column's; -1 for anything computed.
     */
    int typmod(Expr e) {
        if (e instanceof Expr.Typmod t) {
            return t.typmod();
        }
        if (e instanceof Expr.Column c) {
            for (Rel r : rels) {
                int i = c.index() - r.offset;
                if (i >= 0 && i < r.columnNames.size()) {
                    return r.typmods == null || !r.columnTypes.get(i).equals(c.type()) ? -1 : r.typmods[i];
                }
            }
            return -1;
        }
        if (e instanceof OuterRef o) {
            return correlation == null ? -1 : correlation.outer.typmod(correlation.args.get(o.slot()));
        }
        if (e instanceof Subqueries.Scalar s) {
            return s.plan().columns().get(0).typmod();
        }
        if (e instanceof Expr.NullIf n) {
            return n.left().type().equals(n.type()) ? typmod(n.left()) : -1;
        }
        List<Expr> alternatives;
        if (e instanceof Expr.Case c) {
            if (c.otherwise() == null) {
                return -1;
            }
            alternatives = new ArrayList<>();
            alternatives.add(c.otherwise());
            c.whens().forEach(w -> alternatives.add(w.result()));
        } else if (e instanceof Expr.Coalesce c) {
            alternatives = c.args();
        } else if (e instanceof Expr.MinMax m) {
            alternatives = m.args();
        } else {
            return -1;
        }
        int mod = typmod(alternatives.get(0));
        for (Expr a : alternatives) {
            if (!a.type().equals(e.type()) || typmod(a) != mod) {
                return -1;
            }
        }
        return mod;
    }

    Expr.Column column(Rel r, int i, NodeLocation loc) {
        if (r.used != null) {
            r.used[i] = true;
        }
        return new Expr.Column(r.offset + i, r.columnTypes.get(i), r.columnNames.get(i), loc);
    }

    /** Resolves a column reference (1 to 3 names), here or in an enclosing level, or throws PostgreSQL's error. */
    Expr resolve(List<String> names, NodeLocation loc) {
        Expr e = find(names, loc);
        if (e != null) {
            return e;
        }
        int pos = loc.position();
        if (names.size() == 1) {
            PgException.Builder b = PgException.builder(SqlState.UNDEFINED_COLUMN, "column \"" + names.get(0)
                    + "\" does not exist").position(pos);
            Rel table = rels.stream().filter(r -> r.tableOid != 0).findFirst().orElse(null);
            if (names.get(0).equals("tableoid") && table != null) {
                b.hint("There is a column named \"tableoid\" in table \"" + table.name + "\", but it cannot be "
                        + "referenced from this part of the query.");
            }
            throw b.build();
        }
        String name = names.get(names.size() - 2);
        throw PgException.builder(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + name + "\"")
                .position(pos).build();
    }

    /** The column here, else in the enclosing levels (as an {@link OuterRef}); null when nowhere. */
    private Expr find(List<String> names, NodeLocation loc) {
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
            if (found == null && col.equals("tableoid") && rels.size() == 1 && rels.get(0).tableOid != 0) {
                return tableOid(rels.get(0)); // with more FROM items, PostgreSQL wants it qualified
            }
            return found != null ? found : up(names, loc, col);
        }
        String col = names.get(names.size() - 1);
        Rel rel = relationOrNull(names.subList(0, names.size() - 1), loc);
        if (rel == null) {
            return up(names, loc, col);
        }
        int i = rel.columnNames.indexOf(col);
        if (i < 0 && col.equals("tableoid") && rel.tableOid != 0) {
            return tableOid(rel);
        }
        if (i < 0) {
            throw PgException.builder(SqlState.UNDEFINED_COLUMN, "column " + names.get(names.size() - 2) + "." + col
                    + " does not exist").position(pos).build();
        }
        return column(rel, i, loc);
    }

    /**
     * The system column tableoid of a table in FROM: its OID, the same in every row. (The other system columns, ctid,
     * xmin..., are in pg_attribute but not readable: no table here has a physical row address.)
     */
    private static Expr tableOid(Rel r) {
        return new Expr.Const((long) r.tableOid, PgType.OID);
    }

    private Expr up(List<String> names, NodeLocation loc, String col) {
        if (correlation == null) {
            return null;
        }
        Expr e = correlation.outer.find(names, loc);
        return e == null ? null : correlation.ref(e, col);
    }

    /** The FROM item named {@code qualifier} (a name, or schema and name). */
    Rel relation(List<String> qualifier, NodeLocation loc) {
        Rel found = relationOrNull(qualifier, loc);
        if (found == null) {
            throw PgException.builder(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \""
                    + qualifier.get(qualifier.size() - 1) + "\"").position(loc.position()).build();
        }
        return found;
    }

    /**
     * The relation a one-name reference means as a whole row ({@code to_jsonb(d)}): a FROM item of this level so
     * named, when no column of this level has the name (a column wins, as in PostgreSQL); else null.
     */
    Rel wholeRow(String name, NodeLocation loc) {
        for (Rel r : rels) {
            if (r.columnNames.contains(name) && !r.hidden.contains(name)) {
                return null;
            }
        }
        return relationOrNull(List.of(name), loc);
    }

    private Rel relationOrNull(List<String> qualifier, NodeLocation loc) {
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
        return found;
    }
}
