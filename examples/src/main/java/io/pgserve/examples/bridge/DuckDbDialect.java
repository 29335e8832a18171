package io.pgserve.examples.bridge;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.TypeName;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * DuckDB: close to PostgreSQL's SQL already (date_trunc, extract, ILIKE, {@code $1} parameters); differences are
 * integer division (a setting), NULL ordering, casts to unconstrained numeric and varchar(n), and a few spellings.
 */
final class DuckDbDialect extends EngineDialect {
    /** extract/date_part fields DuckDB answers as PostgreSQL does. */
    private static final Set<String> FIELDS = Set.of("year", "month", "day", "hour", "minute", "dow", "isodow",
            "doy", "quarter", "week", "isoyear", "decade", "century", "millennium", "epoch", "microseconds",
            "milliseconds");

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    Connection connect(String jdbcUrl, Connection first) throws SQLException {
        if (first != null) { // one database instance per process: more connections to it are duplicates
            return first.unwrap(org.duckdb.DuckDBConnection.class).duplicate();
        }
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true"); // rows come as the client reads them, not all at once
        return DriverManager.getConnection(jdbcUrl, p);
    }

    @Override
    List<String> setup() {
        // 7 / 2 is 3, as in PostgreSQL (DuckDB's default is 3.5)
        return List.of("SET integer_division = true");
    }

    /** DuckDB's JDBC metadata has no foreign keys and no index columns: its catalog functions have them. */
    @Override
    boolean keys(Connection c, String schema, String table, String pgSchema, SchemaModel.Builder b)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT constraint_type, constraint_name, "
                + "constraint_column_names, referenced_table, referenced_column_names FROM duckdb_constraints() "
                + "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? "
                + "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') ORDER BY constraint_index")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    List<String> columns = names(rs.getArray(3));
                    switch (rs.getString(1)) {
                        case "PRIMARY KEY" -> b.primaryKey(table + "_pkey", columns.toArray(String[]::new));
                        case "UNIQUE" -> b.unique(rs.getString(2), columns.toArray(String[]::new));
                        default -> b.constraint(SchemaModel.Constraint.foreignKey(rs.getString(2), columns, pgSchema,
                                rs.getString(4), names(rs.getArray(5)), 'a', 'a'));
                    }
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT index_name, is_unique, expressions FROM duckdb_indexes() "
                + "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? "
                + "AND NOT is_primary ORDER BY index_name")) {
            p.setString(1, schema);
            p.setString(2, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String list = rs.getString(3); // [a, b]
                    List<String> on = List.of(list.substring(1, list.length() - 1).split(",\\s*"));
                    b.index(new SchemaModel.Index(rs.getString(1), on, rs.getBoolean(2)));
                }
            }
        }
        return true;
    }

    private static List<String> names(Array a) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    @Override
    public PgColumnType columnType(String engineTypeName, int jdbcType) {
        if (engineTypeName == null) {
            return PgColumnType.of(PgType.TEXT);
        }
        String n = engineTypeName.toUpperCase(Locale.ROOT).trim();
        if (n.endsWith("[]")) {
            PgColumnType element = columnType(n.substring(0, n.length() - 2), jdbcType);
            return element.type().isArray() ? PgColumnType.of(PgType.TEXT)
                    : new PgColumnType(PgType.arrayOf(element.type()), element.typeModifier());
        }
        if (n.startsWith("DECIMAL(") || n.startsWith("NUMERIC(")) {
            String[] ps = n.substring(n.indexOf('(') + 1, n.indexOf(')')).split(",");
            return PgColumnType.numeric(Integer.parseInt(ps[0].trim()), ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0);
        }
        if (n.startsWith("VARCHAR")) {
            return PgColumnType.of(PgType.TEXT);
        }
        return PgColumnType.of(switch (n) {
            case "BOOLEAN" -> PgType.BOOL;
            case "TINYINT", "SMALLINT", "UTINYINT" -> PgType.INT2;
            case "INTEGER", "USMALLINT" -> PgType.INT4;
            case "BIGINT", "UINTEGER" -> PgType.INT8;
            case "HUGEINT", "UBIGINT", "UHUGEINT", "DECIMAL", "NUMERIC" -> PgType.NUMERIC;
            case "FLOAT", "REAL" -> PgType.FLOAT4;
            case "DOUBLE" -> PgType.FLOAT8;
            case "BLOB" -> PgType.BYTEA;
            case "DATE" -> PgType.DATE;
            case "TIME" -> PgType.TIME;
            case "TIME WITH TIME ZONE" -> PgType.TIMETZ;
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> PgType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> PgType.TIMESTAMPTZ;
            case "INTERVAL" -> PgType.INTERVAL;
            case "UUID" -> PgType.UUID;
            case "JSON" -> PgType.JSON;
            default -> PgType.TEXT; // STRUCT, MAP, ENUM, UNION, BIT: as DuckDB prints them
        });
    }

    @Override
    Object value(ResultSet rs, int i, PgColumnType type) throws SQLException {
        PgType t = type.type();
        if (t.equals(PgType.TEXT) || t.equals(PgType.INTERVAL) || t.equals(PgType.JSON) || t.equals(PgType.TIMETZ)) {
            return rs.getString(i); // PostgreSQL reads DuckDB's text of these
        }
        if (t.equals(PgType.TIMESTAMP)) {
            return rs.getObject(i, java.time.LocalDateTime.class);
        }
        if (t.equals(PgType.TIMESTAMPTZ)) {
            return rs.getObject(i, java.time.OffsetDateTime.class);
        }
        if (t.equals(PgType.DATE)) {
            return rs.getObject(i, java.time.LocalDate.class);
        }
        Object v = rs.getObject(i);
        if (v == null) {
            return null;
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        if (v instanceof Array a) {
            Object[] elements = (Object[]) a.getArray();
            PgColumnType element = new PgColumnType(elementType(t), type.typeModifier());
            Object[] out = new Object[elements.length];
            for (int k = 0; k < elements.length; k++) {
                out[k] = elements[k] == null ? null : coerce(elements[k], element);
            }
            return out;
        }
        if (v instanceof Byte b) {
            return (short) b;
        }
        return coerce(v, type);
    }

    private static PgType elementType(PgType array) {
        for (PgType t : List.of(PgType.BOOL, PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4,
                PgType.FLOAT8, PgType.TEXT, PgType.BYTEA, PgType.DATE, PgType.TIME, PgType.TIMESTAMP,
                PgType.TIMESTAMPTZ, PgType.INTERVAL, PgType.UUID, PgType.JSON)) {
            if (t.oid() == array.elementOid()) {
                return t;
            }
        }
        return PgType.TEXT;
    }

    @Override
    Object parameter(Object value) {
        if (value instanceof java.time.OffsetDateTime || value instanceof java.time.LocalDateTime
                || value instanceof java.time.LocalDate || value instanceof java.time.LocalTime) {
            return value.toString(); // DuckDB casts ISO text to the parameter's type
        }
        return super.parameter(value);
    }

    /** DuckDB's error() raises; it is only evaluated for the rows whose divisor is 0. */
    @Override
    protected void divisor(Expression divisor, SqlPrinter.Output out) {
        out.text("CASE WHEN ").node(divisor).text(" = 0 THEN error('division by zero') ELSE ").node(divisor)
                .text(" END");
    }

    @Override
    protected boolean function(String name, FunctionCall f, SqlPrinter.Output out) {
        switch (name) {
            case "extract", "date_part" -> {
                String field = f.arguments().size() == 2 ? literal(f.arguments().get(0)) : null;
                if (field == null) {
                    return false;
                }
                field = switch (field) {
                    case "years" -> "year";
                    case "months" -> "month";
                    case "days" -> "day";
                    case "hours" -> "hour";
                    case "minutes" -> "minute";
                    case "microsecond" -> "microseconds";
                    case "millisecond" -> "milliseconds";
                    case "seconds" -> "second";
                    default -> field;
                };
                if (field.equals("second")) { // DuckDB's second has no fraction; PostgreSQL's does
                    out.text("(date_part('microseconds', ").node(f.arguments().get(1).value()).text(") / 1000000.0)");
                    return true;
                }
                if (!FIELDS.contains(field)) {
                    throw unsupported(name + "('" + field + "', ...)");
                }
                out.text("date_part('" + field + "', ").node(f.arguments().get(1).value()).text(")");
                return true;
            }
            case "position" -> { // position(sub IN s) is pg_catalog.position(s, sub)
                out.text("position(").node(f.arguments().get(1).value()).text(" IN ")
                        .node(f.arguments().get(0).value()).text(")");
                return true;
            }
            case "overlay", "to_char", "to_number", "regexp_match", "age" -> throw unsupported("function " + name);
            default -> {
                return false;
            }
        }
    }

    @Override
    protected boolean cast(Expression operand, String type, TypeName typeName, SqlPrinter.Output out) {
        List<Integer> mods = modifiers(typeName);
        switch (type) {
            case "numeric" -> {
                if (mods != null && mods.isEmpty()) { // unconstrained: DuckDB's DECIMAL would round to 3 places
                    out.text("CAST(").node(operand).text(" AS DOUBLE)");
                    return true;
                }
                return false;
            }
            case "varchar" -> {
                if (mods != null && mods.size() == 1) { // PostgreSQL cuts to the length; DuckDB ignores it
                    out.text("substr(CAST(").node(operand).text(" AS VARCHAR), 1, " + mods.get(0) + ")");
                    return true;
                }
                return false;
            }
            case "bpchar" -> {
                if (mods != null && mods.size() == 1 && mods.get(0) != 1 || mods != null && mods.isEmpty()) {
                    throw unsupported("cast to character(n)");
                }
                return false;
            }
            case "regclass", "regtype", "regproc", "oid", "name", "xml", "money", "inet", "cidr", "tsvector" ->
                    throw unsupported("type " + type);
            case "jsonb" -> {
                out.text("CAST(").node(operand).text(" AS JSON)");
                return true;
            }
            case "bytea" -> {
                out.text("CAST(").node(operand).text(" AS BLOB)");
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
