package io.pgserve.examples.bridge;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ColumnNames;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.Identifier;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.Node;
import io.pgserve.sql.ast.NullLiteral;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SelectItem;
import io.pgserve.sql.ast.SortItem;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.TableName;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.TypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * How one JDBC engine differs from PostgreSQL: how its SQL is printed (the {@link SqlPrinter.Dialect} hook), how its
 * column types read as PostgreSQL types, how its values become the Java values pgserve encodes, and how its
 * connections are opened and set up. What has no faithful translation is a {@code 0A000} error naming the construct.
 */
public abstract class EngineDialect implements SqlPrinter.Dialect {

    /** The dialect for a JDBC URL: {@code jdbc:duckdb:...} or {@code jdbc:sqlite:...}. */
    public static EngineDialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:duckdb:")) {
            return new DuckDbDialect();
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        throw new IllegalArgumentException("no dialect for " + jdbcUrl + " (jdbc:duckdb:... and jdbc:sqlite:... are known)");
    }

    /** A function that returns its argument, or raises "division by zero" for 0 (SQLite's connections have it). */
    static final String DIVISOR = "pgserve_divisor";

    /** A PostgreSQL type with its type modifier (-1 for none). */
    public record PgColumnType(PgType type, int typeModifier) {
        static PgColumnType of(PgType type) {
            return new PgColumnType(type, -1);
        }

        /** numeric(p, s). */
        static PgColumnType numeric(int precision, int scale) {
            return new PgColumnType(PgType.NUMERIC, ((precision << 16) | scale) + 4);
        }
    }

    /** The engine's name, for messages ("DuckDB"). */
    public abstract String name();

    /** The schema the engine creates tables in by default; shown to PostgreSQL clients as {@code public}. */
    public String defaultSchema() {
        return "main";
    }

    /** Opens a connection to the engine; {@code first} is an open one, or null for the first. */
    Connection connect(String jdbcUrl, Connection first) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, new Properties());
    }

    /** Statements run on every new connection (settings that make the engine answer as PostgreSQL does). */
    List<String> setup() {
        return List.of();
    }

    /**
     * The declared types of a table's columns by name, for an engine whose DatabaseMetaData shortens them (SQLite's
     * gives DECIMAL for DECIMAL(10,2)); empty (the default) to use DatabaseMetaData's TYPE_NAME.
     */
    java.util.Map<String, String> declaredTypes(Connection c, String schema, String table) throws SQLException {
        return java.util.Map.of();
    }

    /**
     * Adds a table's keys and indexes read the engine's own way, for an engine whose DatabaseMetaData lacks them;
     * false (the default) to read them from DatabaseMetaData.
     *
     * @param pgSchema the table's schema as PostgreSQL clients see it
     */
    boolean keys(Connection c, String schema, String table, String pgSchema, SchemaModel.Builder b)
            throws SQLException {
        return false;
    }

    /** The PostgreSQL type of an engine type name (a column's declared type); null when the engine gives none. */
    public abstract PgColumnType columnType(String engineTypeName, int jdbcType);

    /** Reads a value of column {@code i} as the Java value pgserve encodes for {@code type}. */
    Object value(ResultSet rs, int i, PgColumnType type) throws SQLException {
        Object v = rs.getObject(i);
        return v == null ? null : coerce(v, type);
    }

    /** A value as the Java type pgserve encodes for {@code type} (a String is parsed by the type's codec). */
    Object coerce(Object v, PgColumnType type) {
        PgType t = type.type();
        if (t.equals(PgType.NUMERIC)) {
            BigDecimal d = v instanceof BigDecimal b ? b
                    : v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                    ? BigDecimal.valueOf(((Number) v).longValue())
                    : v instanceof java.math.BigInteger b ? new BigDecimal(b)
                    : v instanceof Number n ? BigDecimal.valueOf(n.doubleValue()) : null;
            if (d == null) {
                return v.toString();
            }
            return type.typeModifier() >= 4 ? d.setScale((type.typeModifier() - 4) & 0xffff, RoundingMode.HALF_UP) : d;
        }
        if (t.equals(PgType.BOOL) && v instanceof Number n) {
            return n.longValue() != 0;
        }
        if ((t.equals(PgType.TEXT) || t.equals(PgType.VARCHAR)) && !(v instanceof String)) {
            return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
        }
        if (t.equals(PgType.BYTEA) && v instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (v instanceof java.sql.Time tm) {
            return tm.toLocalTime();
        }
        return v;
    }

    /** A bound parameter as the engine's JDBC driver takes it. */
    Object parameter(Object value) {
        if (value instanceof io.pgserve.server.types.PgArray) {
            throw unsupported("array parameters");
        }
        return value;
    }

    /**
     * The engine's SQL for a statement; a {@code 0A000} error names what cannot be translated. The result columns of
     * a query are given PostgreSQL's names ({@code count}, {@code date_trunc}, {@code ?column?}) as aliases.
     */
    public String translate(Statement statement) {
        if (statement instanceof Query q && q.body() instanceof Select s && !hasStar(s)) {
            List<SelectItem> named = new ArrayList<>();
            for (SelectItem item : s.targets()) {
                String name = item.alias() != null ? null : ColumnNames.figure(item.expression());
                named.add(item.alias() != null ? item : new SelectItem(item.expression(),
                        Identifier.quoted(name == null ? "?column?" : name), item.location()));
            }
            statement = new Query(q.with(), new Select(s.distinct(), s.distinctOn(), named, s.from(), s.where(),
                    s.groupByDistinct(), s.groupBy(), s.having(), s.windows(), s.location()), q.orderBy(), q.limit(),
                    q.offset(), q.withTies(), q.locking(), q.location());
        }
        return SqlPrinter.print(statement, this);
    }

    private static boolean hasStar(Select s) {
        return s.targets().stream().anyMatch(t -> t.expression() instanceof ColumnRef c && c.star());
    }

    /**
     * The PostgreSQL types of a query's result columns where the SQL says them ({@code x > 1} is boolean,
     * {@code date_trunc} a timestamp, a cast its type), null for the others; null when the query has {@code *}.
     */
    static List<PgColumnType> typeHints(Statement statement) {
        if (!(statement instanceof Query q) || !(q.body() instanceof Select s) || hasStar(s)) {
            return null;
        }
        List<PgColumnType> hints = new ArrayList<>();
        for (SelectItem item : s.targets()) {
            hints.add(typeHint(item.expression()));
        }
        return hints;
    }

    private static PgColumnType typeHint(Expression e) {
        if (e instanceof io.pgserve.sql.ast.BinaryOp b
                && List.of("=", "<>", "!=", "<", ">", "<=", ">=").contains(b.operator().symbol())
                || e instanceof io.pgserve.sql.ast.LogicalExpr || e instanceof io.pgserve.sql.ast.NotExpr
                || e instanceof io.pgserve.sql.ast.NullTest || e instanceof io.pgserve.sql.ast.BooleanTest
                || e instanceof io.pgserve.sql.ast.DistinctFrom || e instanceof io.pgserve.sql.ast.Between
                || e instanceof io.pgserve.sql.ast.InList || e instanceof io.pgserve.sql.ast.InSubquery
                || e instanceof Like || e instanceof io.pgserve.sql.ast.Exists
                || e instanceof io.pgserve.sql.ast.QuantifiedComparison
                || e instanceof io.pgserve.sql.ast.BooleanLiteral) {
            return PgColumnType.of(PgType.BOOL);
        }
        if (e instanceof FunctionCall f) {
            String name = f.name().get(f.name().size() - 1).value();
            return name.equals("date_trunc") ? PgColumnType.of(PgType.TIMESTAMP)
                    : name.equals("now") ? PgColumnType.of(PgType.TIMESTAMP) : null;
        }
        if (e instanceof io.pgserve.sql.ast.SqlValueFunction f) {
            return switch (f.kind()) {
                case CURRENT_DATE -> PgColumnType.of(PgType.DATE);
                case CURRENT_TIMESTAMP, LOCALTIMESTAMP -> PgColumnType.of(PgType.TIMESTAMP);
                default -> null;
            };
        }
        if (e instanceof TypeCast c) {
            return switch (typeName(c.type())) {
                case "bool" -> PgColumnType.of(PgType.BOOL);
                case "date" -> PgColumnType.of(PgType.DATE);
                case "timestamp" -> PgColumnType.of(PgType.TIMESTAMP);
                case "time" -> PgColumnType.of(PgType.TIME);
                case "text" -> PgColumnType.of(PgType.TEXT);
                default -> null;
            };
        }
        return null;
    }

    /**
     * The PostgreSQL type of a result column from what the engine says and what the SQL says ({@code hint}, or null);
     * the engine's word by default.
     */
    PgColumnType resultType(String engineTypeName, int jdbcType, PgColumnType hint) {
        return columnType(engineTypeName, jdbcType);
    }

    /** The error for a construct this dialect cannot translate. */
    PgException unsupported(String construct) {
        return new PgException(SqlState.FEATURE_NOT_SUPPORTED, construct + " is not supported by the bridge to "
                + name());
    }

    @Override
    public boolean print(Node node, SqlPrinter.Output out) {
        if (node instanceof TableName t && t.name().size() == 2 && t.name().get(0).value().equals("public")) {
            // PostgreSQL's public schema is the engine's default one
            out.defaultNode(new TableName(List.of(t.name().get(1)), t.only(), t.alias(), t.location()));
            return true;
        }
        if (node instanceof ColumnRef c && c.names().size() >= 3 && c.names().get(0).value().equals("public")) {
            out.defaultNode(new ColumnRef(c.names().subList(1, c.names().size()), c.star(), c.location()));
            return true;
        }
        if (node instanceof Query q) {
            Query explicit = explicitNullOrder(q);
            if (explicit.limit() instanceof NullLiteral) { // LIMIT ALL
                explicit = new Query(explicit.with(), explicit.body(), explicit.orderBy(), null, explicit.offset(),
                        explicit.withTies(), explicit.locking(), explicit.location());
            }
            explicit = limits(explicit);
            if (explicit != q) {
                out.defaultNode(explicit);
                return true;
            }
            return false;
        }
        if (node instanceof FunctionCall f && f.name().size() <= 2
                && (f.name().size() == 1 || f.name().get(0).value().equals("pg_catalog"))) {
            String name = f.name().get(f.name().size() - 1).value();
            if (name.equals("btrim")) { // both engines spell it trim
                call(out, "trim", f.arguments());
                return true;
            }
            if (function(name, f, out)) {
                return true;
            }
            if (f.name().size() == 2) { // pg_catalog.f(...) as the engine's f(...)
                out.defaultNode(new FunctionCall(List.of(Identifier.of(name)), f.arguments(), f.star(), f.distinct(),
                        f.variadic(), f.orderBy(), f.withinGroup(), f.filter(), f.over(), f.location()));
                return true;
            }
            return false;
        }
        if (node instanceof TypeCast c) {
            return cast(c.operand(), typeName(c.type()), c.type(), out);
        }
        if (node instanceof io.pgserve.sql.ast.BinaryOp b && b.operator().schema().isEmpty()
                && (b.operator().symbol().equals("/") || b.operator().symbol().equals("%"))) {
            // both engines answer x / 0 with NULL; PostgreSQL raises 22012: the divisor raises "division by zero"
            // for 0
            out.text("(").node(b.left()).text(" " + b.operator().symbol() + " ");
            divisor(b.right(), out);
            out.text(")");
            return true;
        }
        if (node instanceof Like l && l.kind() == Like.Kind.SIMILAR_TO) {
            throw unsupported("SIMILAR TO");
        }
        return false;
    }

    /** Prints a divisor that raises "division by zero" when it is 0 (through the per-connection function by default). */
    protected void divisor(Expression divisor, SqlPrinter.Output out) {
        out.text(DIVISOR + "(").node(divisor).text(")");
    }

    /**
     * Prints a call of a function (PostgreSQL's name, unqualified and lower case) the engine spells differently;
     * false to print it as it is.
     */
    protected abstract boolean function(String name, FunctionCall f, SqlPrinter.Output out);

    /** Prints a cast to PostgreSQL type {@code type} (its canonical name); false to print it as it is. */
    protected abstract boolean cast(Expression operand, String type, TypeName typeName, SqlPrinter.Output out);

    /** A query with its LIMIT and OFFSET in the forms the engine takes (LIMIT ALL is gone already). */
    protected Query limits(Query q) {
        if (q.withTies()) {
            throw unsupported("FETCH FIRST ... WITH TIES");
        }
        return q;
    }

    /**
     * ORDER BY with PostgreSQL's NULL placement spelt out: NULLs sort as larger than any value (last ascending, first
     * descending), which engines do not all do by default.
     */
    private static Query explicitNullOrder(Query q) {
        if (q.orderBy().stream().noneMatch(s -> s.nulls() == SortItem.Nulls.DEFAULT
                && s.direction() != SortItem.Direction.USING)) {
            return q;
        }
        List<SortItem> items = new ArrayList<>();
        for (SortItem s : q.orderBy()) {
            if (s.nulls() == SortItem.Nulls.DEFAULT && s.direction() != SortItem.Direction.USING) {
                s = new SortItem(s.expression(), s.direction(), s.usingOperator(),
                        s.direction() == SortItem.Direction.DESC ? SortItem.Nulls.FIRST : SortItem.Nulls.LAST,
                        s.location());
            }
            items.add(s);
        }
        return new Query(q.with(), q.body(), items, q.limit(), q.offset(), q.withTies(), q.locking(), q.location());
    }

    /** PostgreSQL's canonical name of a type ({@code int4}, {@code varchar}, {@code timestamptz}...). */
    static String typeName(TypeName t) {
        String name = t.names().get(t.names().size() - 1).value().toLowerCase(Locale.ROOT);
        String canonical = switch (name) {
            case "int", "integer" -> "int4";
            case "smallint" -> "int2";
            case "bigint" -> "int8";
            case "real" -> "float4";
            case "float", "double precision" -> "float8";
            case "decimal" -> "numeric";
            case "boolean" -> "bool";
            case "character varying" -> "varchar";
            case "character", "char" -> "bpchar";
            case "timestamp with time zone" -> "timestamptz";
            case "timestamp without time zone" -> "timestamp";
            case "time without time zone" -> "time";
            default -> name;
        };
        return t.arrayBounds().isEmpty() ? canonical : canonical + "[]";
    }

    /** The integer type modifiers of a type name ({@code numeric(10, 2)}: 10 and 2). */
    static List<Integer> modifiers(TypeName t) {
        List<Integer> mods = new ArrayList<>();
        for (Expression e : t.modifiers()) {
            if (!(e instanceof NumericLiteral n)) {
                return null;
            }
            mods.add(Integer.parseInt(n.value()));
        }
        return mods;
    }

    /** The value of a string literal argument (date_trunc's field), or null. */
    static String literal(FunctionArgument a) {
        return a.value() instanceof StringLiteral s ? s.value().toLowerCase(Locale.ROOT) : null;
    }

    /** Prints {@code name(args...)} with the arguments printed in this dialect. */
    static void call(SqlPrinter.Output out, String name, List<FunctionArgument> args) {
        out.text(name).text("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.text(", ");
            }
            out.node(args.get(i).value());
        }
        out.text(")");
    }

    /** Whether an expression is the NULL literal. */
    static boolean isNull(Expression e) {
        return e instanceof NullLiteral;
    }
}
