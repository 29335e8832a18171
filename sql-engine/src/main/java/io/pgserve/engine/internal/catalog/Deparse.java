package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Con;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Idx;

import java.util.ArrayList;
import java.util.List;

/** pg_get_indexdef and pg_get_constraintdef: PostgreSQL 15's exact text, which tools parse. */
final class Deparse {
    private Deparse() {
    }

    /** {@code CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)}: the table always schema-qualified. */
    static String indexDef(CatalogSnapshot s, Idx x) {
        return "CREATE " + (x.unique() ? "UNIQUE " : "") + "INDEX " + Sql.quoteIdent(x.name()) + " ON "
                + Sql.quoteIdent(x.rel().ns().name()) + "." + Sql.quoteIdent(x.rel().name()) + " USING btree ("
                + columns(x.columns()) + ")";
    }

    /** The {@code n}th column of an index (1-based), as pg_get_indexdef(oid, n, pretty) prints it; "" if none. */
    static String indexColumn(Idx x, int n) {
        return n >= 1 && n <= x.columns().size() ? Sql.quoteIdent(x.columns().get(n - 1)) : "";
    }

    /** {@code PRIMARY KEY (id)}, {@code FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE}, {@code CHECK ((q > 0))}. */
    static String constraintDef(CatalogSnapshot s, Con c, boolean pretty) {
        SchemaModel.Constraint m = c.c();
        switch (m.type()) {
            case PRIMARY_KEY:
                return "PRIMARY KEY (" + columns(m.columns()) + ")";
            case UNIQUE:
                return "UNIQUE (" + columns(m.columns()) + ")";
            case CHECK:
                return "CHECK (" + ExprText.of(m.check(), columns(c.rel()), null, pretty) + ")";
            default:
                StringBuilder sb = new StringBuilder("FOREIGN KEY (").append(columns(m.columns())).append(") REFERENCES ");
                if (c.referenced() != null) {
                    sb.append(s.regclass(c.referenced()));
                } else {
                    if (m.referencedSchema() != null) {
                        sb.append(Sql.quoteIdent(m.referencedSchema())).append('.');
                    }
                    sb.append(Sql.quoteIdent(m.referencedTable()));
                }
                sb.append('(').append(columns(m.referencedColumns())).append(')');
                if (m.onUpdate() != 0 && m.onUpdate() != 'a') {
                    sb.append(" ON UPDATE ").append(action(m.onUpdate()));
                }
                if (m.onDelete() != 0 && m.onDelete() != 'a') {
                    sb.append(" ON DELETE ").append(action(m.onDelete()));
                }
                return sb.toString();
        }
    }

    /** The columns of a relation by name, for {@link ExprText} (null for an unknown name or relation). */
    static java.util.function.Function<String, SchemaModel.Column> columns(CatalogSnapshot.Rel r) {
        return name -> r == null ? null
                : r.columns().stream().filter(col -> col.name().equals(name)).findFirst().orElse(null);
    }

    private static String action(char a) {
        return switch (a) {
            case 'r' -> "RESTRICT";
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static String columns(List<String> names) {
        List<String> q = new ArrayList<>();
        names.forEach(n -> q.add(Sql.quoteIdent(n)));
        return String.join(", ", q);
    }
}
