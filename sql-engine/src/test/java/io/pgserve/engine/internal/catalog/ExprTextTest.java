package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ExprText} against PostgreSQL 15's own text: every expected string below is what pg_get_constraintdef(oid,
 * true) / pg_get_constraintdef(oid) and pg_get_expr(adbin, adrelid, true) / pg_get_expr(adbin, adrelid) returned for
 * {@code create table ck (a int, b int, s text, v varchar(10), n numeric, d date, f float8, check (...))} and the
 * defaults shown.
 */
class ExprTextTest {
    private static final List<SchemaModel.Column> CK = List.of(SchemaModel.Column.of("a", PgType.INT4),
            SchemaModel.Column.of("b", PgType.INT4), SchemaModel.Column.of("s", PgType.TEXT),
            SchemaModel.Column.of("v", PgType.VARCHAR), SchemaModel.Column.of("n", PgType.NUMERIC),
            SchemaModel.Column.of("d", PgType.DATE), SchemaModel.Column.of("f", PgType.FLOAT8),
            SchemaModel.Column.of("c", PgType.BPCHAR), SchemaModel.Column.of("i2", PgType.INT2),
            SchemaModel.Column.of("i8", PgType.INT8), SchemaModel.Column.of("bo", PgType.BOOL));
    private static final Function<String, SchemaModel.Column> COLUMNS = name -> CK.stream()
            .filter(c -> c.name().equals(name)).findFirst().orElse(null);

    private static void check(String written, String pretty, String raw) {
        assertEquals(pretty, ExprText.of(written, COLUMNS, null, true), written);
        assertEquals(raw, ExprText.of(written, COLUMNS, null, false), written);
        // what pg_get_expr reads back is printed the same again
        assertEquals(pretty, ExprText.of(pretty, COLUMNS, null, true), pretty);
    }

    @Test
    void checkConstraintsAsPostgresPrintsThem() {
        check("a between 1 and 5", "a >= 1 AND a <= 5", "((a >= 1) AND (a <= 5))");
        check("s in ('a','b','c')", "s = ANY (ARRAY['a'::text, 'b'::text, 'c'::text])",
                "(s = ANY (ARRAY['a'::text, 'b'::text, 'c'::text]))");
        check("a > 0 and b < 10 or not (a = b)", "a > 0 AND b < 10 OR NOT a = b",
                "(((a > 0) AND (b < 10)) OR (NOT (a = b)))");
        check("s <> ''", "s <> ''::text", "(s <> ''::text)");
        check("v <> ''", "v::text <> ''::text", "((v)::text <> ''::text)");
        check("n >= 0.5", "n >= 0.5", "(n >= 0.5)");
        check("a + b * 2 > a - 1", "(a + b * 2) > (a - 1)", "((a + (b * 2)) > (a - 1))");
        check("s is not null", "s IS NOT NULL", "(s IS NOT NULL)");
        check("length(s) < 10", "length(s) < 10", "(length(s) < 10)");
        check("a not in (1,2)", "a <> ALL (ARRAY[1, 2])", "(a <> ALL (ARRAY[1, 2]))");
        check("d > '2020-01-01'", "d > '2020-01-01'::date", "(d > '2020-01-01'::date)");
        check("s like 'a%'", "s ~~ 'a%'::text", "(s ~~ 'a%'::text)");
        check("a is null or b is not null", "a IS NULL OR b IS NOT NULL", "((a IS NULL) OR (b IS NOT NULL))");
        check("(a > 1) = true", "(a > 1) = true", "((a > 1) = true)");
        check("f > 1.5", "f > 1.5::double precision", "(f > (1.5)::double precision)");
        check("not a between 2 and 3", "NOT (a >= 2 AND a <= 3)", "(NOT ((a >= 2) AND (a <= 3)))");
        check("- a < 5", "(- a) < 5", "((- a) < 5)");
        check("a % 2 = 0", "(a % 2) = 0", "((a % 2) = 0)");
        check("s || 'x' <> 'y'", "(s || 'x'::text) <> 'y'::text", "((s || 'x'::text) <> 'y'::text)");
        check("a > 0 and (b > 0 or s = 'z')", "a > 0 AND (b > 0 OR s = 'z'::text)",
                "((a > 0) AND ((b > 0) OR (s = 'z'::text)))");
    }

    /** {@code create table ck2 (c char(3), i2 smallint, i8 bigint, n numeric, bo boolean, check (...))}. */
    @Test
    void otherTypesAsPostgresPrintsThem() {
        assertEquals("c ~~ 'a%'::text", ExprText.of("c like 'a%'", COLUMNS, null, true));
        assertEquals("(c::text || 'x'::text) <> 'y'::text", ExprText.of("c || 'x' <> 'y'", COLUMNS, null, true));
        assertEquals("c = 'x'::bpchar", ExprText.of("c = 'x'", COLUMNS, null, true));
        assertEquals("i2 > 1", ExprText.of("i2 > 1", COLUMNS, null, true));
        assertEquals("i8 < 5", ExprText.of("i8 < 5", COLUMNS, null, true));
        assertEquals("(i2 + 1)::numeric > n", ExprText.of("i2 + 1 > n", COLUMNS, null, true));
        assertEquals("bo", ExprText.of("bo", COLUMNS, null, true));
        assertEquals("bo = false", ExprText.of("bo = false", COLUMNS, null, true));
        assertEquals("n = ANY (ARRAY[1::numeric, 2::numeric])", ExprText.of("n in (1, 2)", COLUMNS, null, true));
        assertEquals("upper(c::text) <> ''::text", ExprText.of("upper(c) <> ''", COLUMNS, null, true));
        assertEquals("i8 >= 1 AND i8 <= '10000000000'::bigint",
                ExprText.of("i8 between 1 and 10000000000", COLUMNS, null, true));
    }

    @Test
    void aFormNotKnownIsKeptAsWritten() {
        assertEquals("a IS DISTINCT FROM b", ExprText.of("a IS DISTINCT FROM b", COLUMNS, null, true));
        assertEquals("zz > 1", ExprText.of("zz > 1", COLUMNS, null, true));
    }

    @Test
    void defaultsAsPostgresPrintsThem() {
        assertEquals("'x'::text", DefaultText.of(parse("'x'"), "public", PgType.TEXT, -1));
        assertEquals("'y'::character varying", DefaultText.of(parse("'y'"), "public", PgType.VARCHAR, 5 + 4));
        assertEquals("42", DefaultText.of(parse("42"), "public", PgType.INT4, -1));
        assertEquals("1.5", DefaultText.of(parse("1.5"), "public", PgType.NUMERIC, -1));
        assertEquals("true", DefaultText.of(parse("true"), "public", PgType.BOOL, -1));
        assertEquals("'-1'::integer", DefaultText.of(parse("-1"), "public", PgType.INT4, -1));
        assertEquals("(1 + 2) * 3", DefaultText.of(parse("(1+2)*3"), "public", PgType.INT4, -1));
        assertEquals("CURRENT_DATE", DefaultText.of(parse("current_date"), "public", PgType.DATE, -1));
        assertEquals("CURRENT_TIMESTAMP", DefaultText.of(parse("current_timestamp"), "public", PgType.TIMESTAMP, -1));
        assertEquals("now()", DefaultText.of(parse("now()"), "public", PgType.TIMESTAMPTZ, -1));
        assertEquals("lower('A'::text)", DefaultText.of(parse("lower('A')"), "public", PgType.TEXT, -1));
        assertEquals("nextval('ck_id_seq'::regclass)", DefaultText.of(parse("nextval('public.ck_id_seq')"), "public",
                PgType.INT4, -1));
        // pg_get_expr(adbin, adrelid) without pretty
        assertEquals("((1 + 2) * 3)", ExprText.of("(1 + 2) * 3", COLUMNS, null, false));
        assertEquals("'-1'::integer", ExprText.of("'-1'::integer", COLUMNS, null, false));
        assertEquals("nextval('ck_id_seq'::regclass)", ExprText.of("nextval('ck_id_seq'::regclass)", COLUMNS, null,
                false));
    }

    private static io.pgserve.sql.ast.Expression parse(String sql) {
        io.pgserve.sql.ast.Query q = (io.pgserve.sql.ast.Query) io.pgserve.sql.SqlParser.parse("SELECT " + sql);
        return ((io.pgserve.sql.ast.Select) q.body()).targets().get(0).expression();
    }
}
