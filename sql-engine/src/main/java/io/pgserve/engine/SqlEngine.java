package io.pgserve.engine;

import io.pgserve.engine.internal.EngineSession;
import io.pgserve.engine.memdb.MemDb;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.SessionContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.Objects;

/**
 * A SQL engine: a {@link QueryHandlerFactory} whose handlers parse, bind and run SQL against a {@link Catalog}.
 *
 * <pre>{@code
 * SqlEngine engine = SqlEngine.memdb();                       // a transactional in-memory database
 * PgServer server = PgServer.builder().port(5432).handler(engine).build().start();
 *
 * SqlEngine mine = new SqlEngine(Catalog.of(List.of(new MyTable())));   // your own tables, read through the SPI
 * }</pre>
 *
 * One engine serves any number of sessions; each session gets its own handler (its transaction state).
 */
public final class SqlEngine implements QueryHandlerFactory {
    private final Catalog catalog;
    private final FunctionRegistry functions;
    private final TypeRegistry types;

    public SqlEngine(Catalog catalog) {
        this(catalog, FunctionRegistry.builtin(), TypeRegistry.builtin());
    }

    /**
     * @param types the registry used when a handler runs without a session (tests); sessions use the server's
     */
    public SqlEngine(Catalog catalog, FunctionRegistry functions, TypeRegistry types) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.types = Objects.requireNonNull(types, "types");
    }

    /** An engine over a new, empty {@link MemDb} (schema {@code public}). */
    public static SqlEngine memdb() {
        return new SqlEngine(new MemDb());
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The functions SQL can call; register your own here. */
    public FunctionRegistry functions() {
        return functions;
    }

    public TypeRegistry types() {
        return types;
    }

    @Override
    public QueryHandler create(SessionContext session) {
        return new EngineSession(catalog, functions, session == null ? types : session.types(), session);
    }

    /** A handler without a network session (embedded use and tests): user and database "postgres". */
    public QueryHandler newSession() {
        return create(null);
    }
}
