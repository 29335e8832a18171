package io.pgserve.engine;

import io.pgserve.engine.internal.Overloads;
import io.pgserve.server.types.PgType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The set-returning functions SQL can call in FROM ({@code FROM generate_series(1, 10) AS g(x)}, with
 * {@code WITH ORDINALITY} and {@code LATERAL} references to earlier FROM items) and in a select list
 * ({@code SELECT unnest(tags) FROM posts}, with PostgreSQL's ProjectSet semantics: several such calls advance in
 * lockstep until the longest is done). Overloads are resolved as for {@link FunctionRegistry}, with the same
 * polymorphic types. Register your own on
 * {@link FunctionRegistry#tableFunctions()}:
 *
 * <pre>{@code
 * engine.functions().tableFunctions().register("digits", List.of(PgType.INT4),
 *         List.of(TableColumn.of("d", PgType.INT4)),
 *         (ctx, args) -> IntStream.range(0, (Integer) args[0]).mapToObj(i -> new Object[] {i}).iterator());
 * // SELECT * FROM digits(3)  →  d = 0, 1, 2
 * }</pre>
 *
 * A function with one column named as the function itself returns a scalar type, as generate_series does: its
 * column takes the FROM item's alias ({@code FROM digits(3) AS x} has a column {@code x}). The rows are pulled
 * lazily, so a function may return an endless iterator under a LIMIT. Thread-safe.
 */
public final class TableFunctionRegistry {
    /** A pseudo-type for an argument: any array type. */
    public static final PgType ANYARRAY = Overloads.ANYARRAY;
    /** A pseudo-type for a result column: the element type of the {@link #ANYARRAY} argument. */
    public static final PgType ANYELEMENT = Overloads.ANYELEMENT;

    /** A function's Java body: arguments of the declared types' Java types; rows of the declared columns. */
    @FunctionalInterface
    public interface Implementation {
        Iterator<Object[]> apply(FunctionContext context, Object[] arguments) throws Exception;
    }

    /** A set-returning function; a {@code strict} one returns no rows for a NULL argument without being called. */
    public record TableFunction(String name, List<PgType> argumentTypes, List<TableColumn> columns, boolean strict,
                                Implementation implementation) {
        public TableFunction {
            name = name.toLowerCase(Locale.ROOT);
            argumentTypes = List.copyOf(argumentTypes);
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a table function needs at least one column");
            }
            Objects.requireNonNull(implementation, "implementation");
        }

        /** Whether the function returns a scalar type (one column named as the function). */
        public boolean scalar() {
            return columns.size() == 1 && columns.get(0).name().equals(name);
        }
    }

    private final Map<String, List<TableFunction>> byName = new ConcurrentHashMap<>();
    /** As in {@link FunctionRegistry}: set by it around the built-in registrations. */
    volatile boolean sealed = true;
    volatile boolean own;

    /** Registers a strict function. */
    public TableFunctionRegistry register(String name, List<PgType> argumentTypes, List<TableColumn> columns,
                                          Implementation implementation) {
        return register(new TableFunction(name, argumentTypes, columns, true, implementation));
    }

    /** Registers a function; one with the same name and argument types is replaced. */
    public TableFunctionRegistry register(TableFunction function) {
        own |= sealed;
        List<TableFunction> list = byName.computeIfAbsent(function.name(), n -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            list.removeIf(f -> f.argumentTypes().equals(function.argumentTypes()));
            list.add(function);
        }
        return this;
    }

    /** Every overload of a name (lower case). */
    public List<TableFunction> lookup(String name) {
        List<TableFunction> list = byName.get(name.toLowerCase(Locale.ROOT));
        return list == null ? List.of() : new ArrayList<>(list);
    }
}
