package io.pgserve.engine.internal;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.WouldBlockException;
import io.pgserve.server.PgException;
import io.pgserve.server.SessionContext;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Everything a statement's evaluation needs: parameters, session settings, the transaction. */
public final class EvalContext implements FunctionContext {
    private final SessionContext session;
    private final TypeRegistry types;
    private final CodecContext codecContext;
    private final Catalog catalog;
    private final String currentSchema;
    private final OffsetDateTime transactionStart;
    private final List<Object> parameters;
    private final Transaction transaction;
    private final BooleanSupplier cancelled;
    private final AdvisoryLocks.Holder advisoryLocks;
    /** The outer values of the query levels being run (subqueries, LATERAL), innermost last. */
    private Object[][] frames = new Object[4][];
    private int depth;
    /** Per-execution state of plan nodes (uncorrelated subquery results, materialised CTEs), by identity. */
    private java.util.Map<Object, Object> state; // made on first use: most statements need none

    public EvalContext(SessionContext session, TypeRegistry types, CodecContext codecContext, Catalog catalog,
                       String currentSchema, OffsetDateTime transactionStart, List<Object> parameters,
                       Transaction transaction, BooleanSupplier cancelled) {
        this(session, types, codecContext, catalog, currentSchema, transactionStart, parameters, transaction,
                cancelled, null);
    }

    /** @param advisoryLocks the session's handle on the engine's advisory locks (null: none) */
    public EvalContext(SessionContext session, TypeRegistry types, CodecContext codecContext, Catalog catalog,
                       String currentSchema, OffsetDateTime transactionStart, List<Object> parameters,
                       Transaction transaction, BooleanSupplier cancelled, AdvisoryLocks.Holder advisoryLocks) {
        this.advisoryLocks = advisoryLocks;
        this.session = session;
        this.types = types;
        this.codecContext = codecContext;
        this.catalog = catalog;
        this.currentSchema = currentSchema;
        this.transactionStart = transactionStart;
        this.parameters = parameters;
        this.transaction = transaction;
        this.cancelled = cancelled;
    }

    @Override
    public SessionContext session() {
        return session;
    }

    @Override
    public OffsetDateTime transactionStart() {
        return transactionStart;
    }

    @Override
    public String currentSchema() {
        return currentSchema;
    }

    @Override
    public CodecContext codecContext() {
        return codecContext;
    }

    @Override
    public TypeRegistry types() {
        return types;
    }

    @Override
    public Catalog catalog() {
        return catalog;
    }

    private OffsetDateTime statementStart;

    /** When the statement started (statement_timestamp()): the first time it is asked for. */
    public OffsetDateTime statementStart() {
        if (statementStart == null) {
            statementStart = OffsetDateTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        }
        return statementStart;
    }

    /** The session's handle on the engine's advisory locks, or null. */
    public AdvisoryLocks.Holder advisoryLocks() {
        return advisoryLocks;
    }

    public Transaction transaction() {
        return transaction;
    }

    public Object parameter(int index) {
        return index < parameters.size() ? parameters.get(index) : null;
    }

    /** How many rows a statement run on a network thread may read before it moves to a worker. */
    public static final int QUICK_ROWS = 1000;

    /** Rows counted by {@link #tick()}; past {@link #tickLimit} the statement moves to a worker. */
    private long ticks;
    private long tickLimit = Long.MAX_VALUE;

    /** This statement runs on a network thread: long work and waits throw {@link WouldBlockException}. */
    public void runQuick() {
        tickLimit = QUICK_ROWS;
    }

    /** Whether this statement runs on a network thread (see {@link #runQuick()}). */
    public boolean isQuick() {
        return tickLimit != Long.MAX_VALUE;
    }

    /**
     * Called by row loops once a row: a statement on a network thread moves to a worker after {@link #QUICK_ROWS}
     * rows; every 1024 rows the cancel is checked.
     */
    public void tick() {
        long t = ++ticks;
        if (t > tickLimit) {
            throw WouldBlockException.INSTANCE;
        }
        if ((t & 1023) == 0) {
            checkCancelled();
        }
    }

    /** Called before something that may wait (a sleep, a lock): a statement on a network thread moves to a worker. */
    public void mayBlock() {
        if (tickLimit != Long.MAX_VALUE) {
            throw WouldBlockException.INSTANCE;
        }
    }

    /** Throws 57014 when the client cancelled the statement. */
    public void checkCancelled() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    /** The {@code slot}th outer value of the query level being run (see {@link #pushFrame}). */
    public Object outer(int slot) {
        return frames[depth - 1][slot];
    }

    /** The current frame (null at the top level). */
    public Object[] frame() {
        return depth == 0 ? null : frames[depth - 1];
    }

    /** Enters a query level whose outer references read {@code values}; pair with {@link #popFrame()}. */
    public void pushFrame(Object[] values) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = values;
    }

    public void popFrame() {
        frames[--depth] = null;
    }

    /** State kept for this execution by plan nodes, keyed by the node's identity. */
    public java.util.Map<Object, Object> state() {
        if (state == null) {
            state = new java.util.IdentityHashMap<>();
        }
        return state;
    }
}
