package io.pgserve.examples.bridge;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.BinaryOp;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.MinMaxExpr;
import io.pgserve.sql.ast.Node;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.Parameter;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.SqlValueFunction;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.TypeName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite: dynamically typed, with dates and timestamps kept as ISO text. Column types come from the declared types;
 * date_trunc, extract and interval arithmetic become strftime/datetime calls; LIKE is made case-sensitive (as in
 * PostgreSQL) and ILIKE compares lower-cased text; identifiers are quoted with backticks, which SQLite never reads as
 * a string (a double-quoted name that matches no column would be).
 */
final class SqliteDialect extends EngineDialect {
    /** date_trunc fields as strftime formats. */
    private static final Map<String, String> TRUNC = Map.of(
            "year", "%Y-01-01 00:00:00", "month", "%Y-%m-01 00:00:00", "day", "%Y-%m-%d 00:00:00",
            "hour", "%Y-%m-%d %H:00:00", "minute", "%Y-%m-%d %H:%M:00", "second", "%Y-%m-%d %H:%M:%S");
    /** extract fields with an integer strftime form. */
    private static final Map<String, String> EXTRACT = Map.of("year", "%Y", "month", "%m", "day", "%d", "hour", "%H",
            "minute", "%M", "dow", "%w", "doy", "%j");
    /** An interval literal SQLite's date modifiers take: '3 days', '1 month'. */
    private static final Pattern INTERVAL = Pattern.compile(
            "\\s*([+-]?\\d+)\\s*(second|minute|hour|day|month|year)s?\\s*", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    java.sql.Connection connect(String jdbcUrl, java.sql.Connection first) throws SQLException {
        java.sql.Connection c = super.connect(jdbcUrl, first);
        org.sqlite.Function.create(c, DIVISOR, new org.sqlite.Function() {
            @Override
            protected void xFunc() throws SQLException {
                switch (value_type(0)) {
                    case org.sqlite.core.Codes.SQLITE_INTEGER -> {
                        if (value_long(0) == 0) {
                            throw new SQLException("division by zero");
                        }
                        result(value_long(0));
                    }
                    case org.sqlite.core.Codes.SQLITE_FLOAT -> {
                        if (value_double(0) == 0) {
                            throw new SQLException("division by zero");
                        }
                        result(value_double(0));
                    }
                    case org.sqlite.core.Codes.SQLITE_NULL -> result();
                    case org.sqlite.core.Codes.SQLITE_BLOB -> result(value_blob(0));
                    default -> result(value_text(0));
                }
            }
        }, 1, org.sqlite.Function.FLAG_DETERMINISTIC);
        return c;
    }

    @Override
    List<String> setup() {
        // LIKE is case-sensitive in PostgreSQL; writers wait for each other instead of failing at once
        return List.of("PRAGMA case_sensitive_like = true", "PRAGMA busy_timeout = 10000");
    }

    @Override
    Map<String, String> declaredTypes(java.sql.Connection c, String schema, String table) throws SQLException {
        Map<String, String> types = new java.util.HashMap<>();
        try (java.sql.Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA table_info(" + quoteIdentifier(table) + ")")) {
            while (rs.next()) {
                types.put(rs.getString("name"), rs.getString("type"));
            }
        }
        return types;
    }

    @Override
    public String quoteIdentifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    @Override
    public PgColumnType columnType(String declared, int jdbcType) {
        if (declared == null || declared.isBlank() || declared.equalsIgnoreCase("NULL")) {
            return null; // an expression, or a column without a type: the values decide
        }
        String d = declared.toUpperCase(Locale.ROOT).trim();
        String base = d.contains("(") ? d.substring(0, d.indexOf('(')).trim() : d;
        List<Integer> mods = new java.util.ArrayList<>();
        if (d.contains("(") && d.contains(")")) {
            for (String m : d.substring(d.indexOf('(') + 1, d.indexOf(')')).split(",")) {
                try {
                    mods.add(Integer.parseInt(m.trim()));
                } catch (NumberFormatException e) {
                    // not a number: ignore the modifiers
                }
            }
        }
        switch (base) {
            case "BOOLEAN", "BOOL":
                return PgColumnType.of(PgType.BOOL);
            case "DATE":
                return PgColumnType.of(PgType.DATE);
            case "TIME":
                return PgColumnType.of(PgType.TIME);
            case "DATETIME", "TIMESTAMP", "TIMESTAMP WITHOUT TIME ZONE":
                return PgColumnType.of(PgType.TIMESTAMP);
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE":
                return PgColumnType.of(PgType.TIMESTAMPTZ);
            case "UUID":
                return PgColumnType.of(PgType.UUID);
            case "JSON":
                return PgColumnType.of(PgType.JSON);
            case "NUMERIC", "DECIMAL":
                return mods.size() == 2 ? PgColumnType.numeric(mods.get(0), mods.get(1))
                        : mods.size() == 1 ? PgColumnType.numeric(mods.get(0), 0) : PgColumnType.of(PgType.NUMERIC);
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR":
                return mods.size() == 1 ? new PgColumnType(PgType.VARCHAR, mods.get(0) + 4)
                        : PgColumnType.of(PgType.VARCHAR);
            default:
                break;
        }
        // SQLite's own affinity rules (https://www.sqlite.org/datatype3.html), in its order
        if (base.contains("INT")) {
            return PgColumnType.of(PgType.INT8); // SQLite's integers are 64-bit
        }
        if (base.contains("CHAR") || base.contains("CLOB") || base.contains("TEXT")) {
            return PgColumnType.of(PgType.TEXT);
        }
        if (base.contains("BLOB")) {
            return PgColumnType.of(PgType.BYTEA);
        }
        if (base.contains("REAL") || base.contains("FLOA") || base.contains("DOUB")) {
            return PgColumnType.of(PgType.FLOAT8);
        }
        return PgColumnType.of(PgType.NUMERIC);
    }

    /**
     * What the SQL says wins: SQLite reports an expression's type from its first value (a comparison is an integer,
     * date_trunc's timestamp text).
     */
    @Override
    PgColumnType resultType(String engineTypeName, int jdbcType, PgColumnType hint) {
        return hint != null ? hint : columnType(engineTypeName, jdbcType);
    }

    /** The type of a value whose column has no declared type: its storage class. */
    static PgColumnType storageClass(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return PgColumnType.of(PgType.INT8);
        }
        if (value instanceof Double || value instanceof Float) {
            return PgColumnType.of(PgType.FLOAT8);
        }
        if (value instanceof byte[]) {
            return PgColumnType.of(PgType.BYTEA);
        }
        return PgColumnType.of(PgType.TEXT);
    }

    @Override
    Object value(ResultSet rs, int i, PgColumnType type) throws SQLException {
        PgType t = type.type();
        if (t.equals(PgType.DATE) || t.equals(PgType.TIME) || t.equals(PgType.TIMESTAMP)
                || t.equals(PgType.TIMESTAMPTZ) || t.equals(PgType.UUID) || t.equals(PgType.JSON)) {
            return rs.getString(i); // stored as text; the type's codec reads it (and rejects what is not one)
        }
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if ((t.equals(PgType.INT8) || t.equals(PgType.INT4) || t.equals(PgType.INT2)) && v instanceof Double d) {
            if (d != Math.rint(d)) {
                throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bigint: \"" + d + "\" (SQLite stored a real number in column \""
                                + rs.getMetaData().getColumnLabel(i) + "\"; cast it to double precision)");
            }
            return d.longValue();
        }
        if (t.equals(PgType.FLOAT8) && v instanceof Number n) {
            return n.doubleValue();
        }
        return coerce(v, type);
    }

    @Override
    Object parameter(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.scale() <= 0 && d.precision() - d.scale() < 19 ? (Object) d.longValueExact() : d.doubleValue();
        }
        if (value instanceof LocalDateTime t) {
            return t.format(TIMESTAMP);
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return t.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime().format(TIMESTAMP);
        }
        if (value instanceof java.time.temporal.Temporal || value instanceof java.util.UUID) {
            return value.toString();
        }
        return super.parameter(value);
    }

    @Override
    protected Query limits(Query q) {
        q = super.limits(q);
        if (q.offset() != null && q.limit() == null) { // SQLite's OFFSET needs a LIMIT; -1 is none
            return new Query(q.with(), q.body(), q.orderBy(), new NumericLiteral("-1", q.location()), q.offset(),
                    false, q.locking(), q.location());
        }
        if (!q.locking().isEmpty()) {
            throw unsupported("SELECT ... FOR UPDATE/SHARE");
        }
        return q;
    }

    @Override
    public boolean print(Node node, SqlPrinter.Output out) {
        if (node instanceof Parameter p) {
            out.text("?" + p.index()); // ?NNN binds JDBC parameter NNN, wherever it appears
            return true;
        }
        if (node instanceof SqlValueFunction f) {
            switch (f.kind()) {
                case CURRENT_DATE -> out.text("date('now')");
                case CURRENT_TIMESTAMP, LOCALTIMESTAMP -> out.text("datetime('now')");
                case CURRENT_TIME, LOCALTIME -> out.text("time('now')");
                default -> throw unsupported(f.kind().name().toLowerCase(Locale.ROOT));
            }
            return true;
        }
        if (node instanceof Like l && l.kind() != Like.Kind.SIMILAR_TO) {
            boolean lower = l.kind() == Like.Kind.ILIKE;
            out.text("(");
            wrap(out, lower ? "lower" : null, l.operand());
            out.text(l.negated() ? " NOT LIKE " : " LIKE ");
            wrap(out, lower ? "lower" : null, l.pattern());
            out.text(" ESCAPE ");
            if (l.escape() == null) {
                out.text("'\\'"); // PostgreSQL's default escape character
            } else {
                out.node(l.escape());
            }
            out.text(")");
            return true;
        }
        if (node instanceof MinMaxExpr m) {
            // SQLite's max(a, b) is NULL when any argument is; GREATEST ignores NULLs
            throw unsupported(m.kind().name());
        }
        if (node instanceof BinaryOp b && (b.operator().symbol().equals("+") || b.operator().symbol().equals("-"))
                && b.right() instanceof TypeCast c && typeName(c.type()).equals("interval")
                && c.operand() instanceof StringLiteral s) {
            Matcher m = INTERVAL.matcher(s.value());
            if (!m.matches()) {
                throw unsupported("interval '" + s.value() + "'");
            }
            long n = Long.parseLong(m.group(1)) * (b.operator().symbol().equals("-") ? -1 : 1);
            out.text("datetime(").node(b.left()).text(", '" + (n >= 0 ? "+" : "") + n + " "
                    + m.group(2).toLowerCase(Locale.ROOT) + "s')");
            return true;
        }
        return super.print(node, out);
    }

    private static void wrap(SqlPrinter.Output out, String function, Expression e) {
        if (function == null) {
            out.text("(").node(e).text(")");
        } else {
            out.text(function).text("(").node(e).text(")");
        }
    }

    @Override
    protected boolean function(String name, FunctionCall f, SqlPrinter.Output out) {
        List<FunctionArgument> args = f.arguments();
        switch (name) {
            case "date_trunc" -> {
                String field = args.size() == 2 ? literal(args.get(0)) : null;
                Expression x = args.size() == 2 ? args.get(1).value() : null;
                if (field != null && TRUNC.containsKey(field)) {
                    out.text("strftime('" + TRUNC.get(field) + "', ").node(x).text(")");
                } else if ("week".equals(field)) { // the Monday on or before
                    out.text("strftime('%Y-%m-%d 00:00:00', ").node(x).text(", 'weekday 0', '-6 days')");
                } else if ("quarter".equals(field)) {
                    out.text("printf('%s-%02d-01 00:00:00', strftime('%Y', ").node(x)
                            .text("), ((CAST(strftime('%m', ").node(x).text(") AS INTEGER) - 1) / 3) * 3 + 1)");
                } else {
                    throw unsupported("date_trunc(" + (field == null ? "..." : "'" + field + "'") + ", ...)");
                }
                return true;
            }
            case "extract", "date_part" -> {
                String field = args.size() == 2 ? literal(args.get(0)) : null;
                Expression x = args.size() == 2 ? args.get(1).value() : null;
                if (field != null && EXTRACT.containsKey(field)) {
                    out.text("CAST(strftime('" + EXTRACT.get(field) + "', ").node(x).text(") AS INTEGER)");
                } else if ("second".equals(field)) {
                    out.text("CAST(strftime('%f', ").node(x).text(") AS REAL)");
                } else if ("quarter".equals(field)) {
                    out.text("((CAST(strftime('%m', ").node(x).text(") AS INTEGER) + 2) / 3)");
                } else if ("epoch".equals(field)) {
                    out.text("CAST(strftime('%s', ").node(x).text(") AS INTEGER)");
                } else if ("isodow".equals(field)) {
                    out.text("((CAST(strftime('%w', ").node(x).text(") AS INTEGER) + 6) % 7 + 1)");
                } else {
                    throw unsupported(name + "(" + (field == null ? "..." : "'" + field + "'") + ", ...)");
                }
                return true;
            }
            case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp" -> {
                out.text("datetime('now')");
                return true;
            }
            case "position" -> { // position(sub IN s): parsed as position(s, sub)... see AstBuilder: (b1, b0)
                call(out, "instr", args);
                return true;
            }
            case "strpos" -> {
                call(out, "instr", args);
                return true;
            }
            case "substring", "substr" -> {
                call(out, "substr", args);
                return true;
            }
            case "left" -> {
                out.text("substr(").node(args.get(0).value()).text(", 1, ").node(args.get(1).value()).text(")");
                return true;
            }
            case "char_length", "character_length" -> {
                call(out, "length", args);
                return true;
            }
            case "right", "overlay", "to_char", "to_number", "to_date", "to_timestamp", "age", "regexp_match",
                 "regexp_replace", "split_part", "lpad", "rpad", "initcap", "repeat", "reverse", "md5",
                 "date_bin", "generate_series", "array_agg", "unnest", "json_agg", "jsonb_agg" ->
                    throw unsupported("function " + name);
            default -> {
                return false;
            }
        }
    }

    @Override
    protected boolean cast(Expression operand, String type, TypeName typeName, SqlPrinter.Output out) {
        List<Integer> mods = modifiers(typeName);
        switch (type) {
            case "int2", "int4", "int8" -> {
                if (operand instanceof StringLiteral || operand instanceof NumericLiteral) {
                    out.text("CAST(").node(operand).text(" AS INTEGER)");
                } else { // PostgreSQL rounds to the nearest integer; SQLite's CAST truncates
                    out.text("CAST(round(").node(operand).text(") AS INTEGER)");
                }
            }
            case "float4", "float8" -> out.text("CAST(").node(operand).text(" AS REAL)");
            case "numeric" -> {
                if (mods != null && mods.size() == 2) {
                    out.text("round(CAST(").node(operand).text(" AS REAL), " + mods.get(1) + ")");
                } else {
                    out.text("CAST(").node(operand).text(" AS REAL)");
                }
            }
            case "text", "varchar" -> {
                if (mods != null && mods.size() == 1) {
                    out.text("substr(CAST(").node(operand).text(" AS TEXT), 1, " + mods.get(0) + ")");
                } else {
                    out.text("CAST(").node(operand).text(" AS TEXT)");
                }
            }
            case "date" -> out.text("date(").node(operand).text(")");
            case "timestamp" -> out.text("datetime(").node(operand).text(")");
            case "time" -> out.text("time(").node(operand).text(")");
            case "bytea" -> out.text("CAST(").node(operand).text(" AS BLOB)");
            case "bool" -> {
                String v = operand instanceof StringLiteral s ? s.value().trim().toLowerCase(Locale.ROOT)
                        : operand instanceof NumericLiteral n ? n.value() : null;
                if (v == null) {
                    throw unsupported("cast of an expression to boolean");
                }
                if (List.of("t", "true", "yes", "y", "on", "1").contains(v)) {
                    out.text("TRUE");
                } else if (List.of("f", "false", "no", "n", "off", "0").contains(v)) {
                    out.text("FALSE");
                } else {
                    throw new io.pgserve.server.PgException(io.pgserve.server.SqlState.INVALID_TEXT_REPRESENTATION,
                            "invalid input syntax for type boolean: \"" + v + "\"");
                }
            }
            default -> throw unsupported("cast to " + type);
        }
        return true;
    }
}
