package io.pgserve.engine.catalog;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.SqlEngine;
import io.pgserve.engine.Table;
import io.pgserve.engine.internal.catalog.CatalogFunctions;
import io.pgserve.engine.internal.catalog.SystemCatalog;
import io.pgserve.server.Description;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryHandlerFactory;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SessionContext;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;
import io.pgserve.sql.StatementKind;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Puts PostgreSQL's catalog in front of any handler: queries that read {@code pg_catalog} or
 * {@code information_schema} relations, or call catalog and session functions ({@code format_type},
 * {@code pg_get_constraintdef}, {@code version()}, {@code current_schema()}...), are answered by the SQL engine over
 * a {@link SchemaModel}; everything else goes to the wrapped handler. psql's {@code \d}, JDBC's DatabaseMetaData and
 * ORMs' reflection then work against a handler that only knows its own queries.
 *
 * <pre>{@code
 * SchemaModel model = SchemaModel.of(List.of(SchemaModel.Relation.table("public", "users")
 *         .column(SchemaModel.Column.of("id", PgType.INT8).withNotNull())
 *         .column(SchemaModel.Column.of("name", PgType.TEXT))
 *         .primaryKey("users_pkey", "id").build()));
 * PgServer.builder().handler(CatalogHandler.wrap(session -> new MyHandler(), () -> model)).build().start();
 * }</pre>
 *
 * The wrapped handler keeps any catalog query it wants: pass {@link #wrap(QueryHandlerFactory, Supplier, Predicate)}
 * a predicate that claims it. Tables given as a {@link Catalog} ({@link #wrap(QueryHandlerFactory, Catalog)}) can be
 * joined with the catalog in one query.
 */
public final class CatalogHandler implements QueryHandlerFactory {
    private final QueryHandlerFactory wrapped;
    private final SqlEngine engine;
    private final Predicate<Query> claimed;

    private CatalogHandler(QueryHandlerFactory wrapped, Catalog catalog, Predicate<Query> claimed) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.engine = new SqlEngine(catalog);
        this.claimed = Objects.requireNonNull(claimed, "claimed");
    }

    /** Catalog queries answered from {@code model} (read at each statement); the rest go to {@code wrapped}. */
    public static CatalogHandler wrap(QueryHandlerFactory wrapped, Supplier<SchemaModel> model) {
        return wrap(wrapped, model, q -> false);
    }

    /** As {@link #wrap(QueryHandlerFactory, Supplier)}; queries {@code claimed} accepts go to {@code wrapped}. */
    public static CatalogHandler wrap(QueryHandlerFactory wrapped, Supplier<SchemaModel> model,
                                      Predicate<Query> claimed) {
        Objects.requireNonNull(model, "model");
        return new CatalogHandler(wrapped, new Catalog() {
            @Override
            public Table table(String schema, String name) {
                return null;
            }

            @Override
            public boolean schemaExists(String schema) {
                return model.get().schemas().stream().anyMatch(s -> s.name().equals(schema));
            }

            @Override
            public SchemaModel schemaModel() {
                return model.get();
            }
        }, claimed);
    }

    /** Catalog queries run over {@code catalog} (its tables and its {@link Catalog#schemaModel() model}). */
    public static CatalogHandler wrap(QueryHandlerFactory wrapped, Catalog catalog) {
        return new CatalogHandler(wrapped, catalog, q -> false);
    }

    /** The engine that answers catalog queries (to register more functions). */
    public SqlEngine engine() {
        return engine;
    }

    @Override
    public QueryHandler create(SessionContext session) throws Exception {
        QueryHandler inner = wrapped.create(session);
        QueryHandler catalog = engine.create(session);
        return new QueryHandler() {
            private QueryHandler target(Query q) {
                return !claimed.test(q) && isCatalogQuery(q) ? catalog : inner;
            }

            @Override
            public QueryResult execute(Query query) throws Exception {
                return target(query).execute(query);
            }

            @Override
            public java.util.concurrent.CompletionStage<QueryResult> executeAsync(Query query) {
                QueryHandler t = target(query);
                if (t == inner) {
                    return inner.executeAsync(query);
                }
                try {
                    return java.util.concurrent.CompletableFuture.completedFuture(t.execute(query));
                } catch (Throwable e) {
                    return java.util.concurrent.CompletableFuture.failedFuture(e);
                }
            }

            @Override
            public Description describe(Query query) throws Exception {
                return target(query).describe(query);
            }

            @Override
            public boolean isBlocking() {
                return true; // the engine may block (on the wrapped catalog's tables)
            }

            @Override
            public boolean handles(StatementKind kind) {
                return inner.handles(kind);
            }

            @Override
            public void endImplicitTransaction(boolean commit) throws Exception {
                try {
                    catalog.endImplicitTransaction(commit);
                } finally {
                    inner.endImplicitTransaction(commit);
                }
            }

            @Override
            public void close() {
                try {
                    catalog.close();
                } finally {
                    inner.close();
                }
            }
        };
    }

    /** Words that make a query a catalog query: system schemas and relations, catalog and session functions. */
    private static final Set<String> CATALOG_WORDS = catalogWords();

    private static Set<String> catalogWords() {
        Set<String> words = new HashSet<>(SystemCatalog.relationNames());
        words.add("pg_catalog");
        words.add("information_schema");
        words.addAll(CatalogFunctions.names());
        words.addAll(List.of("version", "current_database", "current_schema", "current_schemas", "current_setting",
                "pg_backend_pid", "current_user", "session_user", "current_catalog"));
        return Set.copyOf(words);
    }

    /**
     * Whether a statement is a query that names a system schema or relation, or calls a catalog or session function
     * (by a word of its text, so a column that happens to be named {@code version} counts too: then the wrapped
     * handler can claim it).
     */
    public static boolean isCatalogQuery(Query query) {
        boolean found = false;
        for (SqlToken t : SqlLexer.tokenize(query.sql())) {
            if ((t.type() == SqlToken.Type.WORD || t.type() == SqlToken.Type.QUOTED_IDENTIFIER)
                    && CATALOG_WORDS.contains(t.text())) {
                found = true;
                break;
            }
        }
        if (!found) {
            return false;
        }
        try {
            return query.statement() instanceof io.pgserve.sql.ast.Query;
        } catch (RuntimeException e) {
            return false; // a syntax error: the wrapped handler reports it its own way
        }
    }
}
