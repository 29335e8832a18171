package io.pgserve.engine.internal;

import io.pgserve.server.PgException;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.ArrayConstructor;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.Indirection;
import io.pgserve.sql.ast.IndirectionStep;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.QuantifiedComparison;

import java.util.ArrayList;
import java.util.List;

/** Binding of the array expressions: ARRAY[...], subscripts and slices, {@code op ANY/ALL (array)}. */
final class ArrayBinding {
    private ArrayBinding() {
    }

    /** ARRAY[...]; {@code target} is the array type of an enclosing cast (ARRAY[]::int[]), or null. */
    static Expr constructor(Binder b, ArrayConstructor a, Binder.Ctx ctx, PgType target) {
        int pos = a.location().position();
        List<Expr> elements = new ArrayList<>();
        for (Expression e : a.elements()) {
            elements.add(e instanceof ArrayConstructor inner ? constructor(b, inner, ctx, target) : b.bind(e, ctx));
        }
        if (elements.isEmpty()) {
            if (target == null) {
                throw PgException.builder("42P18", "cannot determine type of empty array")
                        .hint("Explicitly cast to the desired type, for example ARRAY[]::integer[].")
                        .position(pos).build();
            }
            return new Expr.Const(PgArray.empty(target.elementOid()), target);
        }
        PgType t = elements.get(0).type();
        for (int i = 1; i < elements.size(); i++) {
            PgType u = elements.get(i).type();
            PgType c = Types.unified(t, u);
            if (c == null) {
                throw PgException.builder("42804", "ARRAY types " + Types.displayName(t) + " and "
                        + Types.displayName(u) + " cannot be matched")
                        .position(a.elements().get(i).location().position()).build();
            }
            t = c;
        }
        if (Types.isUnknown(t)) {
            t = target != null ? b.types().byOid(target.elementOid()) : PgType.TEXT;
        }
        boolean nested = t.isArray();
        if (!nested && t.arrayOid() == 0) {
            throw PgException.builder("42704", "could not find array type for data type " + Types.displayName(t))
                    .position(pos).build();
        }
        PgType arrayType = nested ? t : b.types().arrayOf(t);
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            coerced.add(b.coerce(elements.get(i), t, a.elements().get(i).location().position()));
        }
        return new ArrayExpr.Constructor(coerced, nested, arrayType);
    }

    /** {@code base[...]...}: subscripts of an array. */
    static Expr indirection(Binder b, Indirection ind, Binder.Ctx ctx) {
        return subscripts(b, b.bind(ind.base(), ctx), ind.steps(), ctx, ind);
    }

    /** Subscript steps applied to a bound {@code base} (the steps of {@code ind}, for positions). */
    static Expr subscripts(Binder b, Expr base, List<IndirectionStep> steps, Binder.Ctx ctx, Indirection ind) {
        List<Expr> lower = new ArrayList<>();
        List<Expr> upper = new ArrayList<>();
        List<Boolean> sliceSteps = new ArrayList<>();
        boolean slice = false;
        for (IndirectionStep step : steps) {
            IndirectionStep.Subscript s = (IndirectionStep.Subscript) step;
            lower.add(s.lower() == null ? null : index(b, s.lower(), ctx));
            upper.add(s.upper() == null ? null : index(b, s.upper(), ctx));
            sliceSteps.add(s.slice());
            slice |= s.slice();
        }
        PgType t = base.type();
        if (Types.isUnknown(t)) {
            base = b.coerce(base, PgType.arrayOf(PgType.TEXT), ind.location().position());
            t = base.type();
        }
        if (!t.isArray()) {
            throw PgException.builder("42804", "cannot subscript type " + Types.displayName(t)
                    + " because it does not support subscripting").position(ind.base().location().position()).build();
        }
        PgType result = slice ? t : b.types().byOid(t.elementOid());
        return new ArrayExpr.Subscript(base, lower, upper, sliceSteps, slice, result);
    }

    private static Expr index(Binder b, Expression e, Binder.Ctx ctx) {
        Expr x = b.bind(e, ctx);
        if (!Types.isInteger(x.type()) && !Types.isUnknown(x.type())) {
            throw PgException.builder("42804", "array subscript must have type integer")
                    .position(e.location().position()).build();
        }
        return b.coerce(x, PgType.INT4, e.location().position());
    }

    /** {@code x op ANY (array)} / {@code x op ALL (array)}. */
    static Expr quantified(Binder b, QuantifiedComparison q, Binder.Ctx ctx) {
        int pos = q.location().position();
        String op = q.operator().symbol();
        Expr l = b.bind(q.left(), ctx);
        Expr r = b.bind(q.right(), ctx);
        if (Types.isUnknown(r.type())) {
            PgType elem = Types.isUnknown(l.type()) ? PgType.TEXT : l.type();
            r = b.coerce(r, b.types().arrayOf(elem), q.right().location().position());
        }
        if (!r.type().isArray()) {
            throw PgException.builder("42809", "op ANY/ALL (array) requires array on right side").position(pos)
                    .build();
        }
        PgType element = b.types().byOid(r.type().elementOid());
        if (Types.isUnknown(l.type())) {
            l = b.coerce(l, element, q.left().location().position());
        }
        Expr test = b.operator(op, new Expr.Column(0, l.type(), "?operand?", NodeLocation.UNKNOWN),
                new Expr.Column(1, element, "?element?", NodeLocation.UNKNOWN), pos);
        if (!test.type().equals(PgType.BOOL)) {
            throw PgException.builder("42809", "op ANY/ALL (array) requires operator to yield boolean")
                    .position(pos).build();
        }
        return new ArrayExpr.Quantified(l, r, new ArrayExpr.ElementTest(test),
                q.quantifier() == QuantifiedComparison.Quantifier.ALL);
    }
}
