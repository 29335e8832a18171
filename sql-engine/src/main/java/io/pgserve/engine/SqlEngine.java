package io.pgserve.engine;

import io.pgserve.engine.internal.AdvisoryLocks;
import io.pgserve.engine.internal.EngineSession;
import io.pgserve.engine.internal.catalog.OidAllocator;
import io.pgserve.engine.internal.catalog.RegTypes;
import io.pgserve.engine.internal.catalog.SystemCatalog;
import io.pgserve.engine.memdb.MemDb;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.SessionContext;
import io.pgserve.server.types.TypeRegistry;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * One engine serves any number of sessions; each session gets its own handler (its transaction state). Sessions see
 * PostgreSQL's {@code pg_catalog} and {@code information_schema}, generated from the catalog's
 * {@link Catalog#schemaModel() schema model}, so psql's {@code \d} and JDBC metadata work. The sessions of one engine
 * share its advisory locks ({@code pg_advisory_lock}, {@code pg_try_advisory_xact_lock}...), as the backends of one
 * PostgreSQL database do.
 */
public final class SqlEngine implements QueryHandlerFactory {
    private final Catalog catalog;
    private final FunctionRegistry functions;
    private final TypeRegistry types;
    private final OidAllocator oids = new OidAllocator();
    private final Set<SessionContext> sessions = ConcurrentHashMap.newKeySet();
    /** The advisory locks (pg_advisory_lock...) of this engine's sessions. */
    private final AdvisoryLocks advisoryLocks = new AdvisoryLocks();

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
        RegTypes.registerIn(types);
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
        TypeRegistry t = session == null ? types : session.types();
        RegTypes.registerIn(t); // the OID alias types (regclass...), whose values the catalog names
        io.pgserve.engine.internal.EnumCodec.registerAll(t, catalog); // the catalog's enum types, by OID
        if (session != null) {
            sessions.add(session);
        }
        SystemCatalog system = new SystemCatalog(catalog, catalog::schemaModel, oids, t, functions, session,
                () -> List.copyOf(sessions), () -> {
                    if (session != null) {
                        sessions.remove(session);
                    }
                });
        return new EngineSession(system, functions, t, session, advisoryLocks,
                !catalog.isBlocking() && !functions.hasOwnFunctions());
    }

    /** Sessions over a catalog that does not block are created on the network thread. */
    @Override
    public boolean isBlocking() {
        return catalog.isBlocking();
    }

    /** A handler without a network session (embedded use and tests): user and database "postgres". */
    public QueryHandler newSession() {
        return create(null);
    }
}
