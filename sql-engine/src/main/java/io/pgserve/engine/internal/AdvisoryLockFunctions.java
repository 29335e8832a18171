package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.internal.AdvisoryLocks.Key;
import io.pgserve.engine.internal.AdvisoryLocks.Mode;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.util.List;

/**
 * PostgreSQL's advisory lock functions over the engine's {@link AdvisoryLocks}: pg_[try_]advisory_[xact_]lock[_shared],
 * pg_advisory_unlock[_shared] and pg_advisory_unlock_all, each key a bigint or two ints.
 */
final class AdvisoryLockFunctions {
    private AdvisoryLockFunctions() {
    }

    private interface Call {
        Object apply(EvalContext c, AdvisoryLocks.Holder h, Key key);
    }

    static void register(FunctionRegistry r) {
        for (Mode mode : Mode.values()) {
            String suffix = mode == Mode.SHARE ? "_shared" : "";
            for (boolean xact : new boolean[] {false, true}) {
                String level = xact ? "xact_" : "";
                both(r, "pg_advisory_" + level + "lock" + suffix, PgType.VOID, (c, h, k) -> {
                    h.lock(k, mode, xact, c::checkCancelled);
                    return "";
                });
                both(r, "pg_try_advisory_" + level + "lock" + suffix, PgType.BOOL,
                        (c, h, k) -> h.tryLock(k, mode, xact));
            }
            both(r, "pg_advisory_unlock" + suffix, PgType.BOOL, (c, h, k) -> {
                if (h.unlock(k, mode)) {
                    return true;
                }
                if (c.session() != null) {
                    c.session().sendNotice(PgException.builder(SqlState.WARNING, "you don't own a lock of type "
                            + mode.pgName).severity(PgException.Severity.WARNING).build());
                }
                return false;
            });
        }
        r.register(new Function("pg_advisory_unlock_all", List.of(), PgType.VOID, true, false, (c, a) -> {
            onWorker(c);
            holder(c).unlockAllSession();
            return "";
        }));
    }

    /**
     * Registers the bigint and the (int, int) form. A lock taken or released cannot be undone when a statement on a
     * network thread moves to a worker, so these functions move it there first.
     */
    private static void both(FunctionRegistry r, String name, PgType result, Call call) {
        r.register(new Function(name, List.of(PgType.INT8), result, true, false,
                (c, a) -> call.apply(onWorker(c), holder(c), Key.of((Long) a[0]))));
        r.register(new Function(name, List.of(PgType.INT4, PgType.INT4), result, true, false,
                (c, a) -> call.apply(onWorker(c), holder(c), Key.of((Integer) a[0], (Integer) a[1]))));
    }

    private static EvalContext onWorker(FunctionContext c) {
        EvalContext e = (EvalContext) c;
        e.mayBlock();
        return e;
    }

    private static AdvisoryLocks.Holder holder(FunctionContext c) {
        AdvisoryLocks.Holder h = c instanceof EvalContext e ? e.advisoryLocks() : null;
        if (h == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "advisory locks need an engine session");
        }
        return h;
    }
}
