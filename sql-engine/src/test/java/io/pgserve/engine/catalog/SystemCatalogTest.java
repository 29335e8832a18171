package io.pgserve.engine.catalog;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.TransactionMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** pg_catalog and information_schema over memdb, and the catalog functions, without a network. */
class SystemCatalogTest {
    private final SqlEngine engine = SqlEngine.memdb();
    private final QueryHandler h = engine.newSession();

    private QueryResult run(String sql) throws Exception {
        return h.execute(new Query(sql, io.pgserve.sql.StatementKind.OTHER, "", List.of(), null, null, null,
                TransactionMode.SINGLE_STATEMENT));
    }

    /** The rows, each value as text ("null" for NULL), columns joined by "|". */
    private List<String> rows(String sql) throws Exception {
        QueryResult.Rows r = (QueryResult.Rows) run(sql);
        List<String> out = new ArrayList<>();
        Object[] row;
        while ((row = r.rows().next()) != null) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : "|").append(row[i]);
            }
            out.add(sb.toString());
        }
        r.rows().close();
        return out;
    }

    private String one(String sql) throws Exception {
        List<String> r = rows(sql);
        assertEquals(1, r.size(), () -> sql + " gave " + r);
        return r.get(0);
    }

    @BeforeEach
    void schema() throws Exception {
        run("create table author (id serial primary key, name varchar(100) not null unique, born date)");
        run("create table book (isbn text, edition int, title text not null default 'untitled', "
                + "price numeric(10,2), primary key (isbn, edition))");
    }

    @Test
    void namespaces() throws Exception {
        assertEquals(List.of("11|pg_catalog", "99|pg_toast", "13207|information_schema", "2200|public"),
                rows("select oid, nspname from pg_namespace"));
        assertEquals("public", one("select nspname from pg_catalog.pg_namespace where oid = 2200"));
    }

    @Test
    void pgClassListsTablesIndexesAndSequences() throws Exception {
        assertEquals(List.of("author|r|3", "author_id_seq|S|3", "author_name_key|i|1", "author_pkey|i|1",
                        "book|r|4", "book_pkey|i|2"),
                rows("select c.relname, c.relkind, c.relnatts from pg_class c join pg_namespace n "
                        + "on n.oid = c.relnamespace where n.nspname = 'public' order by 1"));
        assertEquals("pg_class|1259|r", one("select relname, oid, relkind from pg_class where relname = 'pg_class'"));
    }

    @Test
    void attributesMatchRowDescription() throws Exception {
        // (memdb does not keep type modifiers yet: varchar(100) is stored as varchar)
        assertEquals(List.of("1|id|23|true|true", "2|name|1043|true|false", "3|born|1082|false|false"),
                rows("select a.attnum, a.attname, a.atttypid, a.attnotnull, a.atthasdef "
                        + "from pg_attribute a join pg_class c on c.oid = a.attrelid "
                        + "where c.relname = 'author' and a.attnum > 0 order by a.attnum"));
        QueryResult.Rows r = (QueryResult.Rows) run("select name, id, 1 as one from author");
        r.rows().close();
        long oid = Long.parseLong(one("select oid from pg_class where relname = 'author'"));
        assertEquals(oid, r.columns().get(0).tableOid());
        assertEquals(2, r.columns().get(0).columnNumber());
        assertEquals(1, r.columns().get(1).columnNumber());
        assertEquals(0, r.columns().get(2).tableOid());
    }

    @Test
    void formatTypeAndDefaults() throws Exception {
        assertEquals(List.of("id|integer|nextval('author_id_seq'::regclass)", "name|character varying(100)|null",
                        "born|date|null"),
                rows("select a.attname, format_type(a.atttypid, a.atttypmod), "
                        + "pg_get_expr(d.adbin, d.adrelid) from pg_attribute a "
                        + "join pg_class c on c.oid = a.attrelid "
                        + "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
                        + "where c.relname = 'author' and a.attnum > 0 order by a.attnum"));
        assertEquals("title|'untitled'::text", one("select a.attname, pg_get_expr(d.adbin, d.adrelid) "
                + "from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum"
                + " join pg_class c on c.oid = d.adrelid where c.relname = 'book'"));
        assertEquals("numeric(10,2)|bpchar|character|integer[]|\"char\"|timestamp(3) with time zone|???",
                one("select format_type(1700, 655366), format_type(1042, -1), format_type(1042, null), "
                        + "format_type(1007, -1), format_type(18, -1), format_type(1184, 3), format_type(99999, -1)"));
    }

    /** PostgreSQL 15's texts for the same table (pg_get_constraintdef / pg_get_expr, pretty and not). */
    @Test
    void checksAndDefaultsAsPostgresPrintsThem() throws Exception {
        run("create table ck (a int, v varchar(10), f float8, c1 int check (a between 1 and 5), "
                + "x1 int default -1, x2 text default null, x3 int default (1+2)*3, x4 varchar(5) default 'y', "
                + "check (v in ('p','q')), check (f > 1.5 or not (a = 2)))");
        assertEquals(List.of("ck_a_check|CHECK (a >= 1 AND a <= 5)|CHECK (((a >= 1) AND (a <= 5)))",
                        "ck_check|CHECK (f > 1.5::double precision OR NOT a = 2)"
                                + "|CHECK (((f > (1.5)::double precision) OR (NOT (a = 2))))",
                        "ck_v_check|CHECK (v::text = ANY (ARRAY['p'::character varying, 'q'::character varying]"
                                + "::text[]))|CHECK (((v)::text = ANY ((ARRAY['p'::character varying, "
                                + "'q'::character varying])::text[])))"),
                rows("select conname, pg_get_constraintdef(oid, true), pg_get_constraintdef(oid) from pg_constraint "
                        + "where conrelid = 'ck'::regclass order by 1"));
        assertEquals(List.of("x1|'-1'::integer|'-1'::integer", "x3|(1 + 2) * 3|((1 + 2) * 3)",
                        "x4|'y'::character varying|'y'::character varying"),
                rows("select attname, pg_get_expr(adbin, adrelid, true), pg_get_expr(adbin, adrelid) "
                        + "from pg_attrdef join pg_attribute on attrelid = adrelid and attnum = adnum "
                        + "where adrelid = 'ck'::regclass order by adnum"));
    }

    @Test
    void constraintsAndIndexes() throws Exception {
        assertEquals(List.of("author_name_key|u|UNIQUE (name)", "author_pkey|p|PRIMARY KEY (id)",
                        "book_pkey|p|PRIMARY KEY (isbn, edition)"),
                rows("select conname, contype, pg_get_constraintdef(oid) from pg_constraint order by 1"));
        assertEquals(List.of("CREATE UNIQUE INDEX author_name_key ON public.author USING btree (name)",
                        "CREATE UNIQUE INDEX author_pkey ON public.author USING btree (id)",
                        "CREATE UNIQUE INDEX book_pkey ON public.book USING btree (isbn, edition)"),
                rows("select pg_get_indexdef(indexrelid) from pg_index order by 1"));
        assertEquals("book_pkey|true|true", one("select c.relname, i.indisprimary, i.indisunique from pg_index i "
                + "join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid "
                + "where t.relname = 'book'"));
    }

    @Test
    void informationSchema() throws Exception {
        assertEquals(List.of("author|BASE TABLE", "book|BASE TABLE"), rows("select table_name, table_type "
                + "from information_schema.tables where table_schema = 'public' order by 1"));
        assertEquals(List.of("isbn|1|NO|text|null", "edition|2|NO|integer|null",
                        "title|3|NO|text|'untitled'::text", "price|4|YES|numeric|null"),
                rows("select column_name, ordinal_position, is_nullable, data_type, column_default "
                        + "from information_schema.columns where table_name = 'book' order by ordinal_position"));
        assertEquals(List.of("book_pkey|isbn|1", "book_pkey|edition|2"), rows("select constraint_name, column_name, "
                + "ordinal_position from information_schema.key_column_usage where table_name = 'book' "
                + "order by ordinal_position"));
        assertEquals("public", one("select schema_name from information_schema.schemata where schema_name = 'public'"));
    }

    @Test
    void visibilityOwnersAndComments() throws Exception {
        assertEquals("true|postgres|standard public schema|null", one("select pg_table_is_visible(c.oid), "
                + "pg_get_userbyid(c.relowner), obj_description(c.relnamespace, 'pg_namespace'), "
                + "obj_description(c.oid, 'pg_class') from pg_class c where relname = 'author'"));
        assertEquals("public.author_id_seq|null", one("select pg_get_serial_sequence('author', 'id'), "
                + "pg_get_serial_sequence('author', 'name')"));
        PgException e = assertThrows(PgException.class, () -> rows("select pg_get_serial_sequence('nope', 'id')"));
        assertEquals("42P01", e.sqlState());
        assertEquals("UTF8|true|true", one("select pg_encoding_to_char(6), has_table_privilege('author', 'SELECT'), "
                + "has_schema_privilege('postgres', 'public', 'USAGE')"));
    }

    @Test
    void typesAndDatabase() throws Exception {
        assertEquals("int4|4|true|b|N|1007|int4in|array_in",
                one("select t.typname, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typarray, t.typinput, "
                        + "a.typinput from pg_type t join pg_type a on a.oid = t.typarray where t.oid = 23"));
        assertEquals("_int4|23|A", one("select typname, typelem, typcategory from pg_type where oid = 1007"));
        assertEquals("postgres|UTF8", one("select datname, pg_encoding_to_char(encoding) from pg_database"));
        assertEquals(List.of("pg_database_owner|false|false", "postgres|true|true"),
                rows("select rolname, rolsuper, rolcanlogin from pg_roles order by 1"));
        assertEquals("postgres", one("select usename from pg_user"));
    }

    @Test
    void oidAliasTypes() throws Exception {
        assertEquals("author|true|author|1259|integer|integer|-|99999|null|pg_class",
                one("select 'author'::regclass, 'author'::regclass = c.oid, c.oid::regclass, "
                        + "'pg_class'::regclass::oid, 23::regtype, 'int4'::regtype, 0::regclass, 99999::regclass, "
                        + "to_regclass('nope'), 'pg_catalog.pg_class'::regclass::oid::regclass "
                        + "from pg_class c where c.relname = 'author'"));
        assertEquals(List.of("author|PRIMARY KEY (id)"), rows("select conrelid::pg_catalog.regclass, "
                + "pg_get_constraintdef(oid, true) from pg_constraint where conrelid = 'author'::regclass "
                + "and contype = 'p'"));
        assertEquals("public|postgres|now", one("select 'public'::regnamespace, 'postgres'::regrole, "
                + "'now'::regproc"));
        assertEquals("42725", assertThrows(PgException.class, () -> rows("select 'round'::regproc")).sqlState());
        PgException e = assertThrows(PgException.class, () -> rows("select 'nope'::regclass"));
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
        QueryResult.Rows r = (QueryResult.Rows) run("select 'author'::regclass");
        r.rows().close();
        assertEquals(2205, r.columns().get(0).type().oid());
    }

    @Test
    void psqlDescribeHelpers() throws Exception {
        assertEquals(List.of(), rows("select * from pg_partition_ancestors('author')"));
        assertEquals("true|false|null|null", one("select pg_relation_is_publishable('author'), "
                + "pg_relation_is_publishable('pg_class'), pg_get_triggerdef(0::oid), "
                + "pg_get_statisticsobjdef_columns(0::oid)"));
        // indkey is an int2vector: subscripts from 0, text "1 2" (as PostgreSQL 15 answers)
        assertEquals("0|1|1|[0:0]={1}", one("select array_upper(indkey, 1), indkey::text, indkey[0], indkey::int2[]::text "
                + "from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = 'author_pkey'"));
        assertEquals("0 0|2", one("select indoption::text, array_length(indkey, 1) from pg_index i join pg_class c "
                + "on c.oid = i.indexrelid where c.relname = 'book_pkey'"));
    }

    @Test
    void emptyCatalogsAndUnknownRelations() throws Exception {
        assertEquals(List.of(), rows("select * from pg_trigger"));
        assertEquals(List.of(), rows("select * from pg_catalog.pg_inherits"));
        PgException e = assertThrows(PgException.class, () -> rows("select * from pg_catalog.pg_nothing"));
        assertEquals("42P01", e.sqlState());
    }

    @Test
    void spiTablesGetStableOids() throws Exception {
        io.pgserve.engine.Table t = new io.pgserve.engine.Table() {
            public String schema() {
                return "public";
            }

            public String name() {
                return "things";
            }

            public List<io.pgserve.engine.TableColumn> columns() {
                return List.of(io.pgserve.engine.TableColumn.of("id", io.pgserve.server.types.PgType.INT4));
            }

            public io.pgserve.engine.TableScan scan(io.pgserve.engine.ScanRequest request) {
                return () -> null;
            }
        };
        SqlEngine spi = new SqlEngine(io.pgserve.engine.Catalog.of(List.of(t)));
        QueryHandler s = spi.newSession();
        QueryResult.Rows r = (QueryResult.Rows) s.execute(new Query("select id from things",
                io.pgserve.sql.StatementKind.OTHER, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
        r.rows().close();
        QueryResult.Rows c = (QueryResult.Rows) s.execute(new Query("select oid from pg_class where relname = 'things'",
                io.pgserve.sql.StatementKind.OTHER, "", List.of(), null, null, null, TransactionMode.SINGLE_STATEMENT));
        Object[] row = c.rows().next();
        c.rows().close();
        assertEquals(((Long) row[0]).intValue(), r.columns().get(0).tableOid());
    }
}
