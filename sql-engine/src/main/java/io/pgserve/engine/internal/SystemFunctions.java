package io.pgserve.engine.internal;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Session and system information functions (version, current_user, current_setting...), sequences, pg_sleep. */
final class SystemFunctions {
    private SystemFunctions() {
    }

    static void register(FunctionRegistry r) {
        PgType text = PgType.TEXT;
        r.register("version", List.of(), text, (c, a) -> "PostgreSQL " + setting(c, "server_version", "15.0")
                + " on x86_64-pc-linux-gnu, compiled by pgserve sql-engine, 64-bit");
        r.register("current_database", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().database());
        r.register("current_catalog", List.of(), PgType.NAME,
                (c, a) -> c.session() == null ? "postgres" : c.session().database());
        r.register("current_schema", List.of(), PgType.NAME, (c, a) -> c.currentSchema());
        r.register("current_schemas", List.of(PgType.BOOL), PgType.arrayOf(PgType.NAME), (c, a) -> {
            List<Object> out = new ArrayList<>();
            if ((Boolean) a[0]) {
                out.add("pg_catalog");
            }
            for (String s : setting(c, "search_path", "\"$user\", public").split(",")) {
                String n = s.trim().replace("\"", "");
                n = n.equals("$user") ? user(c) : n;
                if (!out.contains(n) && c.catalog().schemaExists(n)) {
                    out.add(n);
                }
            }
            return PgArray.of(PgType.NAME, out);
        });
        for (String name : List.of("current_user", "session_user", "user", "current_role")) {
            r.register(name, List.of(), PgType.NAME, (c, a) -> user(c));
        }
        r.register("pg_backend_pid", List.of(), PgType.INT4,
                (c, a) -> c.session() == null ? 0 : c.session().processId());
        // set_config(name, value, is_local): SET [LOCAL] through the session, so it is checked, reported and undone
        // by a rollback exactly as SET is
        r.register("set_config", List.of(text, text, PgType.BOOL), text, (c, a) -> {
            if (c.session() == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "set_config needs a session");
            }
            return c.session().setParameter((String) a[0], (String) a[1], (Boolean) a[2]);
        });
        r.register("current_setting", List.of(text), text, (c, a) -> {
            String v = c.session() == null ? null : c.session().parameter((String) a[0]).orElse(null);
            if (v == null) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                        + a[0] + "\"");
            }
            return v;
        });
        r.register("current_setting", List.of(text, PgType.BOOL), text, (c, a) -> {
            String v = c.session() == null ? null : c.session().parameter((String) a[0]).orElse(null);
            if (v == null && !(Boolean) a[1]) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                        + a[0] + "\"");
            }
            return v;
        });
        r.register(new Function("gen_random_uuid", List.of(), PgType.UUID, false, false,
                (c, a) -> UUID.randomUUID()));
        r.register(new Function("pg_sleep", List.of(PgType.FLOAT8), PgType.VOID, true, false, (c, a) -> {
            sleep(c, (Double) a[0]);
            return "";
        }));
        r.register("inet_client_addr", List.of(), PgType.INET, (c, a) -> c.session() != null
                && c.session().remoteAddress() instanceof InetSocketAddress isa
                ? io.pgserve.server.types.PgInet.of(isa.getAddress()) : null);
        r.register("inet_client_port", List.of(), PgType.INT4, (c, a) -> c.session() != null
                && c.session().remoteAddress() instanceof InetSocketAddress isa ? isa.getPort() : null);
    }

    private static String user(FunctionContext c) {
        return c.session() == null ? "postgres" : c.session().user();
    }

    private static String setting(FunctionContext c, String name, String otherwise) {
        return c.session() == null ? otherwise : c.session().parameter(name).orElse(otherwise);
    }

    /** pg_sleep: sleeps in short steps, so that a cancel request ends it with 57014. */
    private static void sleep(FunctionContext c, double seconds) {
        if (c instanceof EvalContext e) {
            e.mayBlock();
        }
        long end = System.nanoTime() + (long) (Math.max(seconds, 0) * 1e9);
        while (true) {
            if (c instanceof EvalContext e) {
                e.checkCancelled();
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left / 1_000_000 + 1, 50));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
    }
}
