package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.FunctionRegistry.Implementation;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's resolution of a function or operator among its overloads (an exact match first, else the candidate
 * needing the fewest and cheapest implicit casts, unknown literals preferring string parameters), with the
 * polymorphic pseudo-types {@code any}, {@code anyelement}, {@code anynonarray} and {@code anyarray}: the element
 * type is unified across the arguments and substituted in the parameter and result types.
 */
public final class Overloads {
    public static final PgType ANY = io.pgserve.engine.PseudoTypes.ANY;
    public static final PgType ANYELEMENT = io.pgserve.engine.PseudoTypes.ANY_ELEMENT;
    public static final PgType ANYARRAY = io.pgserve.engine.PseudoTypes.ANY_ARRAY;
    public static final PgType ANYNONARRAY = io.pgserve.engine.PseudoTypes.ANY_NON_ARRAY;

    private static final int NO = Integer.MAX_VALUE;

    private Overloads() {
    }

    /**
     * A function body that depends on the concrete types of a call of a polymorphic (or type-dependent) function:
     * the binder asks it for the implementation once the call's types are known.
     */
    @FunctionalInterface
    public interface Specializable extends Implementation {
        Implementation specialize(List<PgType> argumentTypes, PgType resultType, TypeRegistry types);

        @Override
        default Object apply(io.pgserve.engine.FunctionContext context, Object[] arguments) {
            throw new IllegalStateException("a polymorphic function called without being specialized");
        }
    }

    /** A candidate fitting a call: the concrete parameter type of every argument and the concrete result type. */
    public record Match(Function function, List<PgType> parameters, PgType result) {
        /** The function with concrete types and its specialized body. */
        public Function concrete(TypeRegistry types) {
            Implementation impl = function.implementation();
            if (impl instanceof Specializable s) {
                impl = s.specialize(parameters, result, types);
            }
            if (impl == function.implementation() && !isPolymorphic(function.resultType())) {
                return function;
            }
            return new Function(function.name(), parameters, result, function.strict(), false, impl);
        }
    }

    public static boolean isPolymorphic(PgType t) {
        int o = t.oid();
        return o == ANY.oid() || o == ANYELEMENT.oid() || o == ANYARRAY.oid() || o == ANYNONARRAY.oid();
    }

    /** The best candidates for these argument types: empty when none fits, more than one when ambiguous. */
    public static List<Match> best(List<Function> candidates, List<PgType> args, TypeRegistry types) {
        List<Match> best = new ArrayList<>();
        int bestScore = NO;
        for (Function fn : candidates) {
            List<PgType> params = fn.argumentTypes();
            if (params.size() != args.size() && !(fn.variadic() && args.size() >= params.size())) {
                continue;
            }
            List<PgType> wanted = new ArrayList<>(args.size());
            for (int i = 0; i < args.size(); i++) {
                wanted.add(i < params.size() ? params.get(i) : params.get(params.size() - 1));
            }
            Match m = bind(fn, wanted, args, types);
            if (m == null) {
                continue;
            }
            int score = 0;
            for (int i = 0; i < args.size() && score != NO; i++) {
                int s = cost(args.get(i), m.parameters().get(i), wanted.get(i));
                score = s == NO ? NO : score + s;
            }
            if (score == NO) {
                continue;
            }
            if (score < bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore) {
                best.add(m);
            }
        }
        return best;
    }

    /** Substitutes the polymorphic parameters: null when the arguments do not agree on an element type. */
    private static Match bind(Function fn, List<PgType> wanted, List<PgType> args, TypeRegistry types) {
        PgType element = null;
        for (int i = 0; i < args.size(); i++) {
            PgType w = wanted.get(i);
            PgType a = args.get(i);
            if (Types.isUnknown(a)) {
                continue;
            }
            PgType e;
            if (w.equals(ANYARRAY)) {
                if (!a.isArray()) {
                    return null;
                }
                e = types.byOid(a.elementOid());
            } else if (w.equals(ANYELEMENT) || w.equals(ANYNONARRAY)) {
                if (w.equals(ANYNONARRAY) && a.isArray()) {
                    return null;
                }
                e = a;
            } else {
                continue;
            }
            if (e == null) {
                return null;
            }
            if (element == null) {
                element = e;
            } else if (!element.equals(e)) {
                return null;
            }
        }
        if (element == null) {
            element = PgType.TEXT; // all polymorphic arguments unknown: resolved as text, as PostgreSQL 13+ does
        }
        List<PgType> params = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            PgType w = wanted.get(i);
            if (w.equals(ANY)) {
                params.add(args.get(i)); // "any" takes an unknown literal as it is (pg_typeof('x') is unknown)
            } else if (w.equals(ANYARRAY)) {
                if (element.arrayOid() == 0) {
                    return null;
                }
                params.add(types.arrayOf(element));
            } else if (w.equals(ANYELEMENT) || w.equals(ANYNONARRAY)) {
                params.add(element);
            } else {
                params.add(w);
            }
        }
        PgType result = fn.resultType();
        if (result.equals(ANYARRAY)) {
            if (element.arrayOid() == 0) {
                return null;
            }
            result = types.arrayOf(element);
        } else if (result.equals(ANYELEMENT) || result.equals(ANYNONARRAY)) {
            result = element;
        }
        return new Match(fn, params, result);
    }

    /** What converting an argument of type {@code have} to {@code want} costs; NO when it does not convert. */
    private static int cost(PgType have, PgType want, PgType declared) {
        boolean poly = isPolymorphic(declared);
        if (Types.isUnknown(have)) {
            if (poly) {
                return declared.equals(ANYARRAY) ? 3 : declared.equals(ANY) ? 1 : 4;
            }
            return Types.isString(want) ? 1 : Types.isPreferred(want) ? 2 : 3;
        }
        if (poly) {
            return 1; // a polymorphic parameter is never an exact match: a concrete one that fits wins
        }
        if (have.equals(want)) {
            return 0;
        }
        if (Types.implicitlyCastable(have, want)) {
            return Types.isPreferred(want) ? 10 : 11 + Types.numericRank(want);
        }
        return NO;
    }
}
