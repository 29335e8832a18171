package io.pgserve.sql;

import io.pgserve.sql.ast.ArrayConstructor;
import io.pgserve.sql.ast.ArraySubquery;
import io.pgserve.sql.ast.CaseExpr;
import io.pgserve.sql.ast.CoalesceExpr;
import io.pgserve.sql.ast.CollateExpr;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Exists;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Indirection;
import io.pgserve.sql.ast.IndirectionStep;
import io.pgserve.sql.ast.MinMaxExpr;
import io.pgserve.sql.ast.NullIfExpr;
import io.pgserve.sql.ast.RowConstructor;
import io.pgserve.sql.ast.SqlValueFunction;
import io.pgserve.sql.ast.TypeCast;

import java.util.Locale;

/**
 * The names of result columns, as PostgreSQL gives them.
 *
 * <pre>{@code
 * ColumnNames.figure(((Select) ((Query) SqlParser.parse("select count(*)")).body()).targets().get(0).expression())
 * // "count"; "?column?" (null here) for select 1 + 1
 * }</pre>
 */
public final class ColumnNames {
    private ColumnNames() {
    }

    /**
     * The name PostgreSQL gives a result column written without an alias (its FigureColname), or null when it is
     * {@code ?column?}: a column's name, a function's name, a cast's operand's (else its type's) name, {@code case},
     * {@code coalesce}, {@code exists}, {@code array}...
     */
    public static String figure(Expression e) {
        if (e instanceof ColumnRef c) {
            return c.names().isEmpty() ? null : c.names().get(c.names().size() - 1).value();
        }
        if (e instanceof FunctionCall f) {
            return f.name().get(f.name().size() - 1).value();
        }
        if (e instanceof TypeCast t) {
            // a name from a cast is weak: an outer cast's type name replaces an inner one's
            String inner = t.operand() instanceof TypeCast ? null : figure(t.operand());
            if (inner != null) {
                return inner;
            }
            String n = t.type().names().get(t.type().names().size() - 1).value();
            return t.type().arrayBounds().isEmpty() ? n : n;
        }
        if (e instanceof CaseExpr) {
            return "case";
        }
        if (e instanceof CoalesceExpr) {
            return "coalesce";
        }
        if (e instanceof NullIfExpr) {
            return "nullif";
        }
        if (e instanceof MinMaxExpr m) {
            return m.kind() == MinMaxExpr.Kind.GREATEST ? "greatest" : "least";
        }
        if (e instanceof SqlValueFunction f) {
            return switch (f.kind()) {
                case CURRENT_CATALOG -> "current_catalog";
                case USER -> "current_user";
                default -> f.kind().name().toLowerCase(Locale.ROOT);
            };
        }
        if (e instanceof Exists) {
            return "exists";
        }
        if (e instanceof ArrayConstructor || e instanceof ArraySubquery) {
            return "array";
        }
        if (e instanceof RowConstructor) {
            return "row";
        }
        if (e instanceof CollateExpr c) {
            return figure(c.operand());
        }
        if (e instanceof Indirection i) {
            for (int k = i.steps().size() - 1; k >= 0; k--) {
                if (i.steps().get(k) instanceof IndirectionStep.Field f) {
                    return f.name().value();
                }
            }
            return figure(i.base());
        }
        return null;
    }
}
