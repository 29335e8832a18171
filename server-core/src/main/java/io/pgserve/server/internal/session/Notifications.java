package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.sql.RawStatement;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads LISTEN, UNLISTEN and NOTIFY statements, with PostgreSQL's checks on channel names and payloads. */
final class Notifications {
    /** PostgreSQL's NOTIFY_PAYLOAD_MAX_LENGTH: the payload must be shorter than 8000 bytes. */
    static final int MAX_PAYLOAD_BYTES = 8000;
    /** NAMEDATALEN - 1. */
    static final int MAX_CHANNEL_BYTES = 63;

    private Notifications() {
    }

    /** @param channel the channel, or null for UNLISTEN * */
    record Command(String channel, String payload) {
    }

    static Command parse(RawStatement st) {
        List<SqlToken> tokens = SqlLexer.tokenize(st.sql());
        SessionCommands.Cursor c = new SessionCommands.Cursor(tokens);
        c.next(); // LISTEN / UNLISTEN / NOTIFY
        if (c.accept("*")) {
            c.expectEnd();
            return new Command(null, "");
        }
        String channel = c.identifier();
        String payload = "";
        if (c.accept(",")) {
            SqlToken p = c.next();
            if (p == null || p.type() != SqlToken.Type.STRING) {
                throw p == null ? c.syntaxError() : c.syntaxErrorAt(p);
            }
            payload = p.text();
        }
        c.expectEnd();
        check(channel, payload);
        return new Command(channel, payload);
    }

    /**
     * A statement that is exactly {@code SELECT pg_notify(channel, payload)} (arguments string literals, parameters or
     * NULL): the function form clients use with bound parameters. Returns null for any other statement.
     */
    static Command pgNotifyCall(String sql, List<Object> parameters) {
        if (!mentionsPgNotify(sql)) {
            return null; // the common case, without lexing the statement
        }
        List<SqlToken> t = SqlLexer.tokenize(sql);
        if (t.size() != 7 || !t.get(0).isWord("select") || !t.get(1).isWord("pg_notify") || !t.get(2).is("(")
                || !t.get(4).is(",") || !t.get(6).is(")")) {
            return null;
        }
        String channel = argument(t.get(3), parameters);
        String payload = argument(t.get(5), parameters);
        check(channel, payload);
        return new Command(channel, payload == null ? "" : payload);
    }

    private static boolean mentionsPgNotify(String sql) {
        int n = sql.length() - 9;
        for (int i = 0; i <= n; i++) {
            if (sql.regionMatches(true, i, "pg_notify", 0, 9)) {
                return true;
            }
        }
        return false;
    }

    private static String argument(SqlToken t, List<Object> parameters) {
        if (t.type() == SqlToken.Type.STRING) {
            return t.text();
        }
        if (t.isWord("null")) {
            return null;
        }
        if (t.type() == SqlToken.Type.PARAMETER) {
            int n = Integer.parseInt(t.text().substring(1));
            Object v = n >= 1 && n <= parameters.size() ? parameters.get(n - 1) : null;
            return v == null ? null : v.toString();
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "pg_notify() arguments must be literals or parameters here");
    }

    /** The checks of pg_notify() and NOTIFY. */
    static void check(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length > MAX_CHANNEL_BYTES) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
        if (payload != null && payload.getBytes(StandardCharsets.UTF_8).length >= MAX_PAYLOAD_BYTES) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
    }
}
