package io.pgserve.engine;

import io.pgserve.engine.memdb.MemDb;
import io.pgserve.server.PgException;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * User-defined enum types in memdb (CREATE TYPE ... AS ENUM, ALTER TYPE, DROP TYPE) with PostgreSQL 15's answers,
 * SQLSTATEs, messages, details and hints (each checked against PostgreSQL 15). The differential test compares the
 * queries over an enum column; this covers the DDL and its transactions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnumTypeTest {
    private final MemDb db = new MemDb();
    private final SqlEngine engine = new SqlEngine(db);
    private final QueryHandler h = engine.newSession();

    private QueryResult run(String sql) throws Exception {
        return MemDbSqlTest.run(h, sql);
    }

    private String text(String sql) throws Exception {
        QueryResult.Rows rs = (QueryResult.Rows) run(sql);
        List<String> out = new ArrayList<>();
        Object[] row;
        while ((row = rs.rows().next()) != null) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(String.valueOf(v));
            }
            out.add(String.join("|", cells));
        }
        rs.rows().close();
        return String.join("\n", out);
    }

    private PgException error(String sql) {
        return assertThrows(PgException.class, () -> {
            QueryResult r = run(sql);
            if (r instanceof QueryResult.Rows rows) {
                while (rows.rows().next() != null) {
                }
            }
        });
    }

    private void assertError(String state, String message, String detail, String hint, String sql) {
        PgException e = error(sql);
        assertEquals(state, e.sqlState(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
        assertEquals(hint, e.hint());
    }

    @Test
    void createsComparesBySortOrderAndReportsBadLabels() throws Exception {
        run("create type mood as enum ('sad', 'ok', 'happy')");
        run("create table t (id int, m mood)");
        run("insert into t values (1, 'happy'), (2, 'sad'), (3, 'ok')");
        assertEquals("sad\nok\nhappy", text("select m from t order by m"));
        assertEquals("2", text("select id from t where m < 'ok'"));
        assertError("22P02", "invalid input value for enum mood: \"meh\"", null, null,
                "insert into t values (4, 'meh')");
        assertError("42710", "type \"mood\" already exists", null, null, "create type mood as enum ('x')");
        assertError("42710", "type \"t\" already exists", null, null, "create type t as enum ('x')");
        assertError("42710", "type \"mood\" already exists", null, "A relation has an associated type of the same "
                + "name, so you must use a name that doesn't conflict with any existing type.",
                "create table mood (a int)");
        assertError("23505", "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"",
                "Key (enumtypid, enumlabel)=(" + (db.enumType("public", "mood").type().oid() + 6) + ", a) already "
                        + "exists.", null, "create type twice as enum ('a', 'a')");
        assertError("42602", "invalid enum label \"" + "x".repeat(64) + "\"", "Labels must be 63 bytes or less.",
                null, "create type long as enum ('" + "x".repeat(64) + "')");
        assertError("42704", "type \"nope\" does not exist", null, null, "create table u (a nope)");
        assertError("42883", "operator does not exist: mood = text", null,
                "No operator matches the given name and argument types. You might need to add explicit type casts.",
                "select 1 from t where m = 'ok'::text");
    }

    @Test
    void addValueBeforeAndAfterGivesPostgresqlsSortOrders() throws Exception {
        run("create type mood as enum ('sad', 'happy')");
        run("alter type mood add value 'ok' before 'happy'");
        run("alter type mood add value 'first' before 'sad'");
        run("alter type mood add value 'ecstatic' after 'happy'");
        run("alter type mood add value 'meh' after 'ok'");
        run("alter type mood add value if not exists 'ok'");
        assertEquals("first|0.0\nsad|1.0\nok|1.5\nmeh|1.75\nhappy|2.0\necstatic|3.0",
                text("select enumlabel, enumsortorder from pg_enum order by enumsortorder"));
        assertError("42710", "enum label \"ok\" already exists", null, null, "alter type mood add value 'ok'");
        assertError("22023", "\"nope\" is not an existing enum label", null, null,
                "alter type mood add value 'x' before 'nope'");
        assertError("42704", "type \"nope\" does not exist", null, null, "alter type nope add value 'x'");
        assertEquals("{first,sad,ok,meh,happy,ecstatic}", text("select enum_range(null::mood)::text"));
    }

    @Test
    void renameValueRenamesStoredValues() throws Exception {
        run("create type mood as enum ('sad', 'ok')");
        run("create table t (m mood, ms mood[])");
        run("insert into t values ('sad', '{ok,sad}')");
        run("alter type mood rename value 'sad' to 'blue'");
        assertEquals("blue|{ok,blue}", text("select m, ms::text from t"));
        assertEquals("blue", text("select m from t where m = 'blue'"));
        assertError("22P02", "invalid input value for enum mood: \"sad\"", null, null, "select 'sad'::mood");
        assertError("22023", "\"sad\" is not an existing enum label", null, null,
                "alter type mood rename value 'sad' to 'x'");
        assertError("42710", "enum label \"ok\" already exists", null, null,
                "alter type mood rename value 'blue' to 'ok'");
    }

    @Test
    void dropTypeWithDependentsAsPostgresql() throws Exception {
        run("create type mood as enum ('sad', 'ok')");
        run("create table person (id int, m mood, ms mood[])");
        assertError("2BP01", "cannot drop type mood because other objects depend on it",
                "column ms of table person depends on type mood[]\ncolumn m of table person depends on type mood",
                "Use DROP ... CASCADE to drop the dependent objects too.", "drop type mood");
        assertError("42704", "type \"nope\" does not exist", null, null, "drop type nope");
        run("drop type if exists nope");
        run("drop type mood cascade");
        assertEquals("id", text("select attname from pg_attribute where attrelid = 'person'::regclass and attnum > 0"));
        assertNull(db.enumType("public", "mood"));
        assertError("42704", "type \"mood\" does not exist", null, null, "select 'x'::mood");
        run("create type mood as enum ('x')"); // the name is free again, with new OIDs
        assertEquals("x", text("select 'x'::mood"));
    }

    @Test
    void ddlRollsBack() throws Exception {
        run("create type mood as enum ('sad', 'ok')");
        run("create table t (m mood)");
        run("insert into t values ('sad')");
        run("begin");
        run("alter type mood rename value 'sad' to 'blue'");
        run("alter type mood add value 'happy'");
        run("create type other as enum ('a')");
        assertEquals("blue", text("select m from t"));
        run("rollback");
        assertEquals("sad", text("select m from t"));
        assertEquals("{sad,ok}", text("select enum_range(null::mood)::text"));
        assertNull(db.enumType("public", "other"));
        run("begin");
        run("drop type mood cascade");
        run("rollback");
        assertEquals("sad", text("select m from t"));
    }

    @Test
    void snapshotRestoresTypes() throws Exception {
        run("create type mood as enum ('sad', 'ok')");
        MemDb.Snapshot clean = db.snapshot();
        run("alter type mood add value 'happy'");
        run("alter type mood rename value 'sad' to 'blue'");
        run("create type other as enum ('a')");
        db.restore(clean);
        assertEquals("{sad,ok}", text("select enum_range(null::mood)::text"));
        assertNull(db.enumType("public", "other"));
    }

    @Test
    void valuesAreEnumValuesOfTheirType() throws Exception {
        run("create schema s");
        run("create type s.mood as enum ('a', 'b')");
        run("create table s.t (m s.mood, ms s.mood[])");
        run("insert into s.t values ('b', '{a,b}')");
        QueryResult.Rows rs = (QueryResult.Rows) run("select m, ms, enum_first(m), enum_last(null::s.mood) from s.t");
        Object[] row = rs.rows().next();
        rs.rows().close();
        EnumType.Value b = assertInstanceOf(EnumType.Value.class, row[0]);
        assertEquals("b", b.label());
        assertEquals(db.enumType("s", "mood"), b.type());
        assertEquals("a", row[2].toString());
        assertEquals("b", row[3].toString());
        assertEquals(rs.columns().get(0).type(), db.enumType("s", "mood").type());
        assertEquals(rs.columns().get(1).type(), db.enumType("s", "mood").arrayType());
        assertError("42704", "type \"mood\" does not exist", null, null, "select 'a'::mood");
        assertError("2BP01", "cannot drop schema s because other objects depend on it",
                "type s.mood depends on schema s\ntable s.t depends on schema s", "Use DROP ... CASCADE to drop the dependent objects too.",
                "drop schema s");
        run("drop schema s cascade");
        assertNull(db.enumType("s", "mood"));
    }
}
