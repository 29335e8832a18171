package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A session's run-time parameters (GUCs), with PostgreSQL's transactional behaviour: a SET inside a transaction
 * block is undone by ROLLBACK (or ROLLBACK TO an earlier savepoint), and SET LOCAL lasts until the transaction
 * ends. Changes to reported parameters are collected for ParameterStatus messages. Network-thread only.
 */
final class SessionParameters {

    /** A parameter PostgreSQL knows: canonical name, whether clients get ParameterStatus, whether SET may change it. */
    private record Definition(String name, boolean reported, boolean settable, String description) {
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    private static void define(String name, boolean reported, boolean settable, String description) {
        DEFINITIONS.put(name.toLowerCase(Locale.ROOT), new Definition(name, reported, settable, description));
    }

    static {
        // The GUC_REPORT set of PostgreSQL 15 (ParameterStatus after startup and on change).
        define("application_name", true, true, "Sets the application name to be reported in statistics and logs.");
        define("client_encoding", true, true, "Sets the client's character set encoding.");
        define("DateStyle", true, true, "Sets the display format for date and time values.");
        define("default_transaction_read_only", true, true,
                "Sets the default read-only status of new transactions.");
        define("in_hot_standby", true, false, "Shows whether hot standby is currently active.");
        define("integer_datetimes", true, false, "Shows whether datetimes are integer based.");
        define("IntervalStyle", true, true, "Sets the display format for interval values.");
        define("is_superuser", true, false, "Shows whether the current user is a superuser.");
        define("server_encoding", true, false, "Shows the server (database) character set encoding.");
        define("server_version", true, false, "Shows the server version.");
        define("session_authorization", true, true, "Sets the session user name.");
        define("standard_conforming_strings", true, true, "Causes '...' strings to treat backslashes literally.");
        define("TimeZone", true, true, "Sets the time zone for displaying and interpreting time stamps.");
        // Others that clients read or set.
        define("server_version_num", false, false, "Shows the server version as an integer.");
        define("search_path", false, true, "Sets the schema search order for names that are not schema-qualified.");
        define("extra_float_digits", false, true, "Sets the number of digits displayed for floating-point values.");
        define("statement_timeout", false, true, "Sets the maximum allowed duration of any statement.");
        define("lock_timeout", false, true, "Sets the maximum allowed duration of any wait for a lock.");
        define("idle_in_transaction_session_timeout", false, true,
                "Sets the maximum allowed idle time between queries, when in a transaction.");
        define("idle_session_timeout", false, true,
                "Sets the maximum allowed idle time between queries, when not in a transaction.");
        define("client_min_messages", false, true, "Sets the message levels that are sent to the client.");
        define("bytea_output", false, true, "Sets the output format for bytea.");
        define("default_transaction_isolation", false, true,
                "Sets the transaction isolation level of each new transaction.");
        define("transaction_isolation", false, true, "Sets the current transaction's isolation level.");
        define("transaction_read_only", false, true, "Sets the current transaction's read-only status.");
        define("default_transaction_deferrable", false, true,
                "Sets the default deferrable status of new transactions.");
        define("transaction_deferrable", false, true, "Whether to defer a read-only serializable transaction.");
        define("max_identifier_length", false, false, "Shows the maximum identifier length.");
        define("max_index_keys", false, false, "Shows the maximum number of index keys.");
        define("block_size", false, false, "Shows the size of a disk block.");
        define("max_connections", false, false, "Sets the maximum number of concurrent connections.");
        define("lc_collate", false, false, "Shows the collation order locale.");
        define("lc_ctype", false, false, "Shows the character classification and case conversion locale.");
        define("lc_messages", false, true, "Sets the language in which messages are displayed.");
        define("lc_monetary", false, true, "Sets the locale for formatting monetary amounts.");
        define("lc_numeric", false, true, "Sets the locale for formatting numbers.");
        define("lc_time", false, true, "Sets the locale for formatting date and time values.");
        define("timezone_abbreviations", false, true, "Selects a file of time zone abbreviations.");
        define("work_mem", false, true, "Sets the maximum memory to be used for query workspaces.");
        define("maintenance_work_mem", false, true, "Sets the maximum memory to be used for maintenance operations.");
        define("synchronous_commit", false, true, "Sets the current transaction's synchronization level.");
        define("jit", false, true, "Allow JIT compilation.");
        define("row_security", false, true, "Enable row security.");
        define("role", false, true, "Sets the current role.");
        define("escape_string_warning", false, true, "Warn about backslash escapes in ordinary string literals.");
        define("array_nulls", false, true, "Enable input of NULL elements in arrays.");
        define("default_with_oids", false, true, "WITH OIDS is no longer supported; this can only be false.");
        define("check_function_bodies", false, true, "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.");
        define("default_tablespace", false, true, "Sets the default tablespace to create tables and indexes in.");
        define("xmloption", false, true, "Sets whether XML data in implicit parsing and serialization operations "
                + "is to be considered as documents or content fragments.");
        define("geqo", false, true, "Enables genetic query optimization.");
        define("enable_seqscan", false, true, "Enables the planner's use of sequential-scan plans.");
        define("session_replication_role", false, true, "Sets the session's behavior for triggers and rewrite rules.");
        define("log_statement", false, true, "Sets the type of statements logged.");
        define("track_io_timing", false, true, "Collects timing statistics for database I/O activity.");
        define("password_encryption", false, true, "Chooses the algorithm for encrypting passwords.");
        define("data_directory_mode", false, false, "Shows the mode of the data directory.");
        define("ssl", false, false, "Enables SSL connections.");
        define("plan_cache_mode", false, true, "Controls the planner's selection of custom or generic plan.");
        define("vacuum_cost_delay", false, true, "Vacuum cost delay in milliseconds.");
        define("temp_buffers", false, true, "Sets the maximum number of temporary buffers used by each session.");
        define("cursor_tuple_fraction", false, true,
                "Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved.");
    }

    /** What RESET returns to: the server's defaults overlaid with the startup packet's values. */
    private final Map<String, String> resetValues = new LinkedHashMap<>();
    /** Concurrent (as customNames): a handler reads parameters on its worker thread, with no hop to the event loop. */
    private final Map<String, String> values = new java.util.concurrent.ConcurrentHashMap<>();
    /** Custom (dotted) parameters set in this session, by lower-case name → name as first set. */
    private final Map<String, String> customNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> changedReported = new LinkedHashSet<>();
    private volatile int version; // read by handler threads (the codec settings)
    /** The {@link #version} the cached timeouts were parsed at (-1: never). */
    private int timeoutsVersion = -1;
    private long statementTimeout;
    private long idleSessionTimeout;
    private long idleInTransactionTimeout;

    /**
     * Snapshots for transactional undo: [0] = at BEGIN, then one per savepoint. The newest {@link #unchanged} of
     * them are taken only when a value first changes after them: most transactions change nothing.
     */
    private final Deque<Map<String, String>> undo = new ArrayDeque<>();
    /** How many of the newest snapshots are still the current values (not copied yet). */
    private int unchanged;
    /** Values to restore when the transaction ends, for SET LOCAL. */
    private Map<String, String> beforeLocal;

    SessionParameters(Map<String, String> serverDefaults) {
        resetValues.putAll(serverDefaults);
        serverDefaults.forEach((name, value) -> {
            if (value != null) { // a ConcurrentHashMap holds no null; get() answers null for it all the same
                values.put(name, value);
            }
        });
    }

    /** Applies a startup-packet parameter (also the {@code options} string's {@code -c name=value}). */
    void applyStartup(String name, String value) {
        String canonical = canonicalName(name);
        if (canonical == null) {
            if (!name.contains(".")) {
                return; // kept on the session as a startup parameter, like PostgreSQL's unknown-GUC FATAL we avoid
            }
            canonical = name;
            customNames.put(name.toLowerCase(Locale.ROOT), name);
        }
        String normalized = normalize(canonical, value);
        resetValues.put(canonical, normalized);
        takeSnapshots();
        values.put(canonical, normalized);
        version++;
    }

    /** The value of a parameter, or null when there is no such parameter. Callable from any thread. */
    String get(String name) {
        String canonical = canonicalName(name);
        if (canonical == null) {
            canonical = customNames.get(name.toLowerCase(Locale.ROOT));
        }
        return canonical == null ? null : values.get(canonical);
    }

    /** The canonical spelling of a known parameter name, or null. */
    static String canonicalName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("time zone") || lower.equals("timezone")) {
            return "TimeZone";
        }
        if (lower.equals("names")) {
            return "client_encoding";
        }
        if (lower.equals("schema")) {
            return "search_path";
        }
        Definition d = DEFINITIONS.get(lower);
        return d == null ? null : d.name();
    }

    /** The name SHOW prints as its column header. */
    String displayName(String name) {
        String canonical = canonicalName(name);
        if (canonical != null) {
            return canonical;
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * SET name = value (value null means DEFAULT). {@code local} for SET LOCAL; {@code inTransaction} whether a
     * transaction block is open (SET LOCAL outside one only warns, as in PostgreSQL, and has no effect).
     */
    void set(String name, String value, boolean local, boolean inTransaction) {
        String canonical = canonicalName(name);
        if (canonical == null) {
            if (!name.contains(".")) {
                throw new PgException(SqlState.UNDEFINED_OBJECT,
                        "unrecognized configuration parameter \"" + name.toLowerCase(Locale.ROOT) + "\"");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            canonical = customNames.computeIfAbsent(lower, k -> lower);
        } else {
            Definition d = DEFINITIONS.get(canonical.toLowerCase(Locale.ROOT));
            if (!d.settable()) {
                if (canonical.equals("max_connections")) {
                    throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM, "parameter \"" + canonical
                            + "\" cannot be changed without restarting the server");
                }
                throw new PgException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                        "parameter \"" + canonical.toLowerCase(Locale.ROOT) + "\" cannot be changed");
            }
        }
        String newValue = value == null ? resetValues.getOrDefault(canonical, "") : normalize(canonical, value);
        if (local) {
            if (!inTransaction) {
                return;
            }
            if (beforeLocal == null) {
                beforeLocal = new LinkedHashMap<>();
            }
            beforeLocal.putIfAbsent(canonical, values.get(canonical));
        } else if (beforeLocal != null) {
            // A later SET (not LOCAL) in the same transaction replaces what the transaction end would restore.
            beforeLocal.remove(canonical);
        }
        put(canonical, newValue);
    }

    /** RESET name. */
    void reset(String name) {
        set(name, null, false, false);
    }

    /** RESET ALL (also part of DISCARD ALL). */
    void resetAll() {
        for (Map.Entry<String, String> e : resetValues.entrySet()) {
            Definition d = DEFINITIONS.get(e.getKey().toLowerCase(Locale.ROOT));
            if (d == null || d.settable()) {
                put(e.getKey(), e.getValue());
            }
        }
    }

    /** Changes whenever a value does (the session's codec settings are remade then). */
    int version() {
        return version;
    }

    private void put(String canonical, String value) {
        takeSnapshots();
        String old = values.put(canonical, value);
        if (!value.equals(old)) {
            version++;
        }
        Definition d = DEFINITIONS.get(canonical.toLowerCase(Locale.ROOT));
        if (d != null && d.reported() && !value.equals(old)) {
            changedReported.add(canonical);
        }
    }

    /** Reported parameters that changed since the last call, with their values, then forgotten. */
    List<Map.Entry<String, String>> drainChangedReported() {
        if (changedReported.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String name : changedReported) {
            out.add(Map.entry(name, values.get(name)));
        }
        changedReported.clear();
        return out;
    }

    /** The reported parameters, in PostgreSQL's order, for the ParameterStatus messages after authentication. */
    List<Map.Entry<String, String>> reported() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Definition d : DEFINITIONS.values()) {
            if (d.reported() && values.containsKey(d.name())) {
                out.add(Map.entry(d.name(), values.get(d.name())));
            }
        }
        changedReported.clear();
        return out;
    }

    /** All parameters for SHOW ALL: name, setting, description. */
    List<String[]> all() {
        List<String[]> out = new ArrayList<>();
        for (Definition d : DEFINITIONS.values()) {
            String v = values.get(d.name());
            if (v != null) {
                out.add(new String[] {d.name(), v, d.description()});
            }
        }
        for (String custom : customNames.values()) {
            if (values.containsKey(custom)) {
                out.add(new String[] {custom, values.get(custom), ""});
            }
        }
        out.sort((a, b) -> a[0].compareToIgnoreCase(b[0]));
        return out;
    }

    // --- transactions -------------------------------------------------------------------------------

    void beginTransaction() {
        undo.clear();
        unchanged = 0;
        savepoint();
    }

    void savepoint() {
        undo.push(Map.of()); // a placeholder, replaced by a copy of the values before they first change
        unchanged++;
    }

    /** Copies the values into the snapshots taken since they last changed, before they change. */
    private void takeSnapshots() {
        if (unchanged == 0) {
            return;
        }
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (int i = 0; i < unchanged; i++) {
            undo.pop();
        }
        for (int i = 0; i < unchanged; i++) {
            undo.push(copy); // read-only from now on, so one copy serves them all
        }
        unchanged = 0;
    }

    /** Forgets the newest {@code count} savepoint snapshots (RELEASE). */
    void release(int count) {
        for (int i = 0; i < count && undo.size() > 1; i++) {
            undo.pop();
            if (unchanged > 0) {
                unchanged--;
            }
        }
    }

    /** ROLLBACK TO: restores the snapshot of the savepoint {@code depth} levels down (0 = newest), keeping it. */
    void rollbackTo(int depth) {
        for (int i = 0; i < depth && undo.size() > 1; i++) {
            undo.pop();
            if (unchanged > 0) {
                unchanged--;
            }
        }
        if (unchanged > 0) {
            return; // nothing changed since that savepoint
        }
        Map<String, String> snapshot = undo.peek();
        if (snapshot != null) {
            restore(snapshot);
        }
    }

    void commit() {
        if (beforeLocal != null) {
            for (Map.Entry<String, String> e : beforeLocal.entrySet()) {
                put(e.getKey(), e.getValue());
            }
        }
        beforeLocal = null;
        undo.clear();
        unchanged = 0;
    }

    void rollback() {
        Map<String, String> start = undo.peekLast();
        if (start != null && unchanged < undo.size()) { // else nothing changed since BEGIN
            restore(start);
        }
        beforeLocal = null;
        undo.clear();
        unchanged = 0;
    }

    private void restore(Map<String, String> snapshot) {
        for (Map.Entry<String, String> e : snapshot.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    // --- value normalisation, as PostgreSQL's check/assign hooks print values ------------------------

    private static String normalize(String canonical, String value) {
        switch (canonical) {
            case "client_encoding": {
                // PostgreSQL's clean_encoding_name: only letters and digits count ('utf-8' is UTF8).
                String v = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                if (v.equals("UTF8") || v.equals("UNICODE")) {
                    return "UTF8";
                }
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                        "client encoding \"" + value + "\" is not supported: pgserve speaks UTF8 only");
            }
            case "DateStyle":
                return dateStyle(value);
            case "TimeZone":
                return timeZone(value);
            case "IntervalStyle": {
                String v = value.toLowerCase(Locale.ROOT);
                if (!Set.of("postgres", "postgres_verbose", "sql_standard", "iso_8601").contains(v)) {
                    throw invalidValue(canonical, value);
                }
                return v;
            }
            case "standard_conforming_strings": case "default_transaction_read_only": case "transaction_read_only":
            case "jit": case "row_security": case "escape_string_warning": case "array_nulls":
            case "default_transaction_deferrable": case "transaction_deferrable": case "check_function_bodies":
            case "geqo": case "enable_seqscan": case "track_io_timing": case "default_with_oids":
                return bool(canonical, value);
            case "extra_float_digits": {
                try {
                    int n = Integer.parseInt(value.trim());
                    if (n < -15 || n > 3) {
                        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, n + " is outside the valid range for"
                                + " parameter \"extra_float_digits\" (-15 .. 3)");
                    }
                    return Integer.toString(n);
                } catch (NumberFormatException e) {
                    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"extra_float_digits\": \"" + value + "\"");
                }
            }
            case "statement_timeout": case "lock_timeout": case "idle_in_transaction_session_timeout":
            case "idle_session_timeout":
                return formatMillis(canonical, parseMillis(canonical, value));
            case "default_transaction_isolation": case "transaction_isolation": {
                String v = value.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
                if (!Set.of("serializable", "repeatable read", "read committed", "read uncommitted").contains(v)) {
                    throw invalidValue(canonical, value);
                }
                return v;
            }
            default:
                return value;
        }
    }

    /** A time setting in milliseconds: a number (ms) or a number with a unit (us, ms, s, min, h, d). */
    static long parseMillis(String canonical, String value) {
        String v = value.trim();
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.' || (i == 0
                && (v.charAt(0) == '-' || v.charAt(0) == '+')))) {
            i++;
        }
        double number;
        try {
            number = Double.parseDouble(v.substring(0, i));
        } catch (NumberFormatException e) {
            throw invalidValue(canonical, value);
        }
        String unit = v.substring(i).trim();
        double factor;
        switch (unit) {
            case "": case "ms": factor = 1; break;
            case "us": factor = 0.001; break;
            case "s": factor = 1000; break;
            case "min": factor = 60_000; break;
            case "h": factor = 3_600_000; break;
            case "d": factor = 86_400_000; break;
            default:
                throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"" + canonical + "\": \"" + value + "\"")
                        .hint("Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".")
                        .build();
        }
        long ms = Math.round(number * factor);
        if (ms < 0 || ms > Integer.MAX_VALUE) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, ms + " ms is outside the valid range for "
                    + "parameter \"" + canonical + "\" (0 .. 2147483647)");
        }
        return ms;
    }

    /** As SHOW prints a time setting: in the largest unit that divides it (1000 → "1s", 90000 → "90s"). */
    static String formatMillis(String canonical, long ms) {
        if (ms == 0) {
            return "0";
        }
        long[] factors = {86_400_000, 3_600_000, 60_000, 1000};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < factors.length; i++) {
            if (ms % factors[i] == 0) {
                return ms / factors[i] + units[i];
            }
        }
        return ms + "ms";
    }

    /** The value of a time setting in milliseconds (0: off). */
    long millis(String name) {
        String v = get(name);
        return v == null ? 0 : parseMillis(name, v);
    }

    /** statement_timeout in milliseconds (0: off); parsed again only after a parameter changed. */
    long statementTimeout() {
        timeouts();
        return statementTimeout;
    }

    /**
     * idle_in_transaction_session_timeout (in a transaction) or idle_session_timeout in milliseconds (0: off);
     * parsed again only after a parameter changed.
     */
    long idleTimeout(boolean inTransaction) {
        timeouts();
        return inTransaction ? idleInTransactionTimeout : idleSessionTimeout;
    }

    /** The timeouts are read at every statement and every ReadyForQuery: parse them once per change. */
    private void timeouts() {
        if (timeoutsVersion != version) {
            statementTimeout = millis("statement_timeout");
            idleSessionTimeout = millis("idle_session_timeout");
            idleInTransactionTimeout = millis("idle_in_transaction_session_timeout");
            timeoutsVersion = version;
        }
    }

    private static PgException invalidValue(String canonical, String value) {
        return new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + canonical + "\": \"" + value + "\"");
    }

    private static String bool(String canonical, String value) {
        String v = value.toLowerCase(Locale.ROOT).trim();
        if (Set.of("on", "true", "yes", "1", "t", "y").contains(v)) {
            return "on";
        }
        if (Set.of("off", "false", "no", "0", "f", "n").contains(v)) {
            return "off";
        }
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "parameter \"" + canonical.toLowerCase(Locale.ROOT) + "\" requires a Boolean value");
    }

    /** DateStyle is "output style, field order": ISO/Postgres/SQL/German and DMY/MDY/YMD, each defaulting. */
    private static String dateStyle(String value) {
        String style = null;
        String order = null;
        for (String part : value.split("[,\\s]+")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            switch (p) {
                case "": break;
                case "ISO": style = "ISO"; break;
                case "POSTGRES": style = "Postgres"; break;
                case "SQL": style = "SQL"; break;
                case "GERMAN": style = "German"; if (order == null) { order = "DMY"; } break;
                case "DMY": case "EURO": case "EUROPEAN": order = "DMY"; break;
                case "MDY": case "US": case "NONEURO": case "NONEUROPEAN": order = "MDY"; break;
                case "YMD": order = "YMD"; break;
                case "DEFAULT": break;
                default:
                    throw PgException.builder(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"DateStyle\": \"" + value + "\"")
                            .detail("Unrecognized key word: \"" + part.trim() + "\".").build();
            }
        }
        return (style == null ? "ISO" : style) + ", " + (order == null ? "MDY" : order);
    }

    private static String timeZone(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("utc") || v.equalsIgnoreCase("gmt") || v.equalsIgnoreCase("z")
                || v.equalsIgnoreCase("zulu")) {
            return v.equalsIgnoreCase("z") || v.equalsIgnoreCase("zulu") ? "UTC" : v.toUpperCase(Locale.ROOT);
        }
        try {
            ZoneId.of(v);
            return v;
        } catch (DateTimeException e) {
            // PostgreSQL also takes a bare number of hours (SET TIME ZONE -8) and POSIX forms.
            if (v.matches("[+-]?\\d{1,2}(:\\d{2})?(:\\d{2})?")) {
                return v.startsWith("+") ? v.substring(1) : v;
            }
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(v)) {
                    return id;
                }
            }
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"TimeZone\": \"" + value + "\"");
        }
    }
}
