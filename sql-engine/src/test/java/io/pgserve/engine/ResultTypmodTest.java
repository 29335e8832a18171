package io.pgserve.engine;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Result columns carry their type modifier in RowDescription as PostgreSQL 15 reports it, seen through pgjdbc's
 * ResultSetMetaData ({@code label:type(precision,scale,displaySize)}): table columns, casts with a modifier,
 * pass-through expressions, views, CTEs, sub-SELECTs, joins and set operations. Every expected line is what pgjdbc
 * 42.7 prints for the same statements against PostgreSQL 15.
 */
@Timeout(60)
class ResultTypmodTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String describe(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                sb.append(i > 1 ? " " : "").append(md.getColumnLabel(i)).append(':').append(md.getColumnTypeName(i))
                        .append('(').append(md.getPrecision(i)).append(',').append(md.getScale(i)).append(',')
                        .append(md.getColumnDisplaySize(i)).append(')');
            }
            return sb.toString();
        }
    }

    @Test
    void typeModifiersReachResultSetMetaData() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create table prices (id int primary key, amount numeric(10,2), label varchar(20), "
                    + "code char(3), note text)");
            s.execute("insert into prices values (1, 12.5, 'first', 'a', 'n')");
            s.execute("create view v_prices as select amount, label from prices");
            // plain table columns
            assertEquals("amount:numeric(10,2,12) label:varchar(20,0,20) code:bpchar(3,0,3) "
                            + "note:text(2147483647,0,2147483647) id:int4(10,0,11)",
                    describe(s, "select amount, label, code, note, id from prices"));
            // a cast with a modifier reports it; one without drops the column's; arithmetic has none
            assertEquals("a4:numeric(10,4,12) l5:varchar(5,0,5) plain:numeric(0,0,131089) "
                            + "lv:varchar(2147483647,0,2147483647) sum:numeric(0,0,131089)",
                    describe(s, "select amount::numeric(10,4) as a4, label::varchar(5) as l5, amount::numeric as "
                            + "plain, label::varchar as lv, amount + 0 as sum from prices"));
            // views, CTEs and sub-SELECTs pass their columns' modifiers through
            assertEquals("amount:numeric(10,2,12) label:varchar(20,0,20)", describe(s, "select * from v_prices"));
            assertEquals("amount:numeric(10,2,12) label:varchar(20,0,20)", describe(s,
                    "with w as (select amount, label from prices) select * from (select * from w) s"));
            // CASE, COALESCE, NULLIF, GREATEST keep a modifier all their inputs share; aggregates have none
            assertEquals("c:numeric(10,2,12) k:numeric(10,2,12) n:numeric(10,2,12) g:numeric(10,2,12) "
                            + "c1:numeric(0,0,131089) m:numeric(0,0,131089) sq:numeric(10,2,12)",
                    describe(s, "select coalesce(amount, amount) c, case when id > 0 then amount else amount end k, "
                            + "nullif(amount, 0) n, greatest(amount, amount) g, coalesce(amount, 1.0) c1, "
                            + "(select max(amount) from prices) m, (select amount from prices limit 1) sq "
                            + "from prices"));
            // a set operation keeps a modifier only when both sides agree
            assertEquals("amount:numeric(10,2,12) label:varchar(20,0,20)", describe(s,
                    "select amount, label from prices union select amount, label from prices"));
            assertEquals("amount:numeric(0,0,131089)", describe(s,
                    "select amount from prices union all select amount::numeric(12,2) from prices"));
            // varchar then text resolve to varchar (PostgreSQL's select_common_type), with no modifier
            assertEquals("amount:numeric(0,0,131089) label:varchar(2147483647,0,2147483647)", describe(s,
                    "select amount, label from prices union all select amount::numeric(12,2), note from prices"));
            assertEquals("c:varchar(2147483647,0,2147483647) t:text(2147483647,0,2147483647)", describe(s,
                    "select coalesce(label, note) c, coalesce(note, label) t from prices"));
            // joins, USING columns included
            assertEquals("id:int4(10,0,11) amount:numeric(10,2,12) label:varchar(20,0,20)", describe(s,
                    "select id, p.amount, q.label from prices p join prices q using (id)"));
            // VALUES keeps a modifier every row shares
            assertEquals("column1:numeric(10,2,12) column2:varchar(2147483647,0,2147483647)", describe(s,
                    "select * from (values (1.0::numeric(10,2), 'a'::varchar(3)), (2::numeric(10,2), "
                            + "'b'::varchar(4))) v"));
            // RETURNING: the table's columns, casts, FROM items' columns
            assertEquals("id:int4(10,0,11) amount:numeric(10,2,12) label:varchar(20,0,20) code:bpchar(3,0,3) "
                            + "note:text(2147483647,0,2147483647) label:varchar(20,0,20) a1:numeric(8,1,10) "
                            + "s:numeric(0,0,131089)",
                    describe(s, "insert into prices values (2, 3, 'x', 'y', 'z') returning *, label, "
                            + "amount::numeric(8,1) a1, amount + 0 s"));
            String row = "id:int4(10,0,11) amount:numeric(10,2,12) label:varchar(20,0,20) code:bpchar(3,0,3) "
                    + "note:text(2147483647,0,2147483647)";
            assertEquals("amount:numeric(10,2,12) " + row + " " + row, describe(s, "update prices set note = 'u' "
                    + "from prices q where q.id = prices.id and q.id = 1 returning q.amount, *"));
        }
    }

    /** A whole-row reference in to_jsonb: the object of a table's or sub-SELECT's columns (PostgreSQL 15's text). */
    @Test
    void wholeRowToJsonb() throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create table books (id int, title varchar(30), price numeric(6,2))");
            s.execute("insert into books values (1, 'Dune', 9.5), (2, null, null)");
            try (ResultSet rs = s.executeQuery("select to_jsonb(b), to_jsonb(x) from books b join (select id as k, "
                    + "upper(title) as t from books) x on x.k = b.id order by b.id")) {
                StringBuilder sb = new StringBuilder();
                while (rs.next()) {
                    sb.append(rs.getString(1)).append('|').append(rs.getString(2)).append('\n');
                }
                assertEquals("""
                        {"id": 1, "price": 9.50, "title": "Dune"}|{"k": 1, "t": "DUNE"}
                        {"id": 2, "price": null, "title": null}|{"k": 2, "t": null}
                        """, sb.toString());
            }
            // a table's row keeps the table's column names under column aliases; a sub-SELECT's takes the aliases
            try (ResultSet rs = s.executeQuery("select to_jsonb(b), to_jsonb(x) from books b(a) join (select id "
                    + "from books) x(k) on x.k = b.a where b.a = 1")) {
                rs.next();
                assertEquals("{\"id\": 1, \"price\": 9.50, \"title\": \"Dune\"}|{\"k\": 1}",
                        rs.getString(1) + "|" + rs.getString(2));
            }
        }
    }
}
