package io.pgserve.engine;

import io.pgserve.engine.internal.Aggregates;
import io.pgserve.engine.internal.BuiltinFunctions;
import io.pgserve.engine.internal.catalog.CatalogFunctions;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scalar functions SQL can call, by name and argument types, with PostgreSQL's overload resolution (an exact
 * match first, then the candidate needing the fewest implicit casts). Register your own:
 *
 * <pre>{@code
 * SqlEngine engine = SqlEngine.memdb();
 * engine.functions().register("add_tax", List.of(PgType.NUMERIC), PgType.NUMERIC,
 *         (ctx, args) -> ((BigDecimal) args[0]).multiply(new BigDecimal("1.2")));
 * }</pre>
 *
 * Thread-safe: functions may be registered while sessions run.
 */
public final class FunctionRegistry {
    /** A function's Java body. Arguments are of the declared types' Java types; returns a value of the result type. */
    @FunctionalInterface
    public interface Implementation {
        Object apply(FunctionContext context, Object[] arguments) throws Exception;
    }

    /**
     * A function: {@code strict} ones return NULL for any NULL argument without being called; {@code variadic}
     * ones accept one or more arguments of the last declared type (as PostgreSQL's VARIADIC).
     */
    public record Function(String name, List<PgType> argumentTypes, PgType resultType, boolean strict,
                           boolean variadic, Implementation implementation) {
        public Function {
            name = name.toLowerCase(Locale.ROOT);
            argumentTypes = List.copyOf(argumentTypes);
            Objects.requireNonNull(resultType, "resultType");
            Objects.requireNonNull(implementation, "implementation");
        }
    }

    private final Map<String, List<Function>> byName = new ConcurrentHashMap<>();
    /** Whether functions registered from now on are the user's own (everything but {@link #builtin()}'s). */
    private volatile boolean sealed = true;
    private volatile boolean own;
    private final TableFunctionRegistry tableFunctions = new TableFunctionRegistry();
    private final Map<String, List<AggregateFunction>> aggregatesByName = new ConcurrentHashMap<>();

    /** A registry with no functions. */
    public static FunctionRegistry empty() {
        return new FunctionRegistry();
    }

    /**
     * A registry with the built-in functions (lower, upper, length, substring, abs, round, now, version...) and
     * aggregates (count, sum, avg, min, max, bool_and, bool_or, every, string_agg, array_agg...).
     */
    public static FunctionRegistry builtin() {
        FunctionRegistry r = new FunctionRegistry();
        r.sealed = false;
        r.tableFunctions.sealed = false;
        BuiltinFunctions.registerAll(r);
        io.pgserve.engine.internal.TableFunctions.registerAll(r.tableFunctions);
        Aggregates.registerAll(r);
        CatalogFunctions.registerAll(r);
        r.sealed = true;
        r.tableFunctions.sealed = true;
        return r;
    }

    /** The set-returning functions (generate_series, unnest, and yours) of this registry. */
    public TableFunctionRegistry tableFunctions() {
        return tableFunctions;
    }

    /** Registers a strict function (NULL in, NULL out). */
    public FunctionRegistry register(String name, List<PgType> argumentTypes, PgType resultType,
                                     Implementation implementation) {
        return register(new Function(name, argumentTypes, resultType, true, false, implementation));
    }

    /**
     * Whether functions, aggregates or set-returning functions of your own were registered here. They may block, so
     * an engine whose registry has some runs every statement on a worker thread, even over a catalog that does not
     * block.
     */
    public boolean hasOwnFunctions() {
        return own || tableFunctions.own;
    }

    /** Registers a function; one with the same name and argument types is replaced. */
    public FunctionRegistry register(Function function) {
        own |= sealed;
        List<Function> list = byName.computeIfAbsent(function.name(), n -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            list.removeIf(f -> f.argumentTypes().equals(function.argumentTypes()));
            list.add(function);
        }
        return this;
    }

    /** Every function registered (for pg_proc). */
    public List<Function> all() {
        List<Function> out = new ArrayList<>();
        byName.values().forEach(out::addAll);
        return out;
    }

    /** Every overload of a name (lower case). */
    public List<Function> lookup(String name) {
        List<Function> list = byName.get(name.toLowerCase(Locale.ROOT));
        return list == null ? List.of() : new ArrayList<>(list);
    }

    /**
     * Registers an aggregate function (see {@link AggregateFunction} for an example); one with the same name and
     * argument types is replaced.
     */
    public FunctionRegistry registerAggregate(AggregateFunction aggregate) {
        own |= sealed;
        List<AggregateFunction> list = aggregatesByName.computeIfAbsent(aggregate.name(),
                n -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            list.removeIf(f -> f.argumentTypes().equals(aggregate.argumentTypes()));
            list.add(aggregate);
        }
        return this;
    }

    /** Every overload of an aggregate name (lower case). */
    public List<AggregateFunction> lookupAggregate(String name) {
        List<AggregateFunction> list = aggregatesByName.get(name.toLowerCase(Locale.ROOT));
        return list == null ? List.of() : new ArrayList<>(list);
    }
}
