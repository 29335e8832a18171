package io.pgserve.engine.catalog;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SqlState;
import io.pgserve.server.testsupport.Processes;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Real clients reading the emulated catalog: pgjdbc's DatabaseMetaData over memdb and over a raw handler. */
@Timeout(60)
class CatalogClientTest {
    private static CatalogServers servers;

    @BeforeAll
    static void start() throws Exception {
        SchemaModel model = SchemaModel.of(List.of(SchemaModel.Relation.table("public", "users")
                .column(SchemaModel.Column.of("id", PgType.INT8).withIdentity('d'))
                .column(SchemaModel.Column.of("email", PgType.VARCHAR).withTypeModifier(104).withNotNull())
                .primaryKey("users_pkey", "id").comment("registered users").build()));
        servers = new CatalogServers(null, "postgres", List.of(
                "create table author (id serial primary key, name text not null unique, born date)",
                "create table book (isbn text, edition int, title text default 'untitled', "
                        + "primary key (isbn, edition))",
                "insert into author (name) values ('Le Guin')"), model, session -> query -> {
                    if (query.sql().equalsIgnoreCase("select id, email from users")) {
                        return QueryResult.rows(List.of(Column.of("id", PgType.INT8),
                                Column.of("email", PgType.VARCHAR)),
                                List.<Object[]>of(new Object[] {1L, "a@example.com"}));
                    }
                    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "raw handler: " + query.sql());
                });
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static Connection connect(PgServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
    }

    private static List<String> column(ResultSet rs, String... names) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (String n : names) {
                    sb.append(sb.length() == 0 ? "" : "|").append(rs.getString(n));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void postgresJsFetchesTypesOnConnect() throws Exception {
        Processes.Result r = Processes.run(List.of("node", "src/test/node/catalog-postgresjs.mjs",
                Integer.toString(servers.memdb.port())), 30);
        assertEquals("[{\"name\":\"Le Guin\"}]\n[{\"a\":[1,2,3],\"b\":[\"x\",\"y\"]}]\n", r.output());
    }

    @Test
    void asyncpgIntrospectsArrayTypes() throws Exception {
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/catalog_asyncpg.py",
                Integer.toString(servers.memdb.port())), 30);
        // asyncpg's introspection query (a WITH RECURSIVE over pg_type with = ANY (array)) runs, so int4[] decodes
        assertEquals("Le Guin\n[1, 2, 3]\n[4, 5]\n", r.output());
    }

    @Test
    void tablesAndSchemas() throws Exception {
        tablesAndSchemasChecks();
    }

    private void tablesAndSchemasChecks() throws Exception {
        try (Connection c = connect(servers.memdb)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("public|author|TABLE", "public|book|TABLE"),
                    column(md.getTables(null, "public", "%", new String[] {"TABLE"}), "TABLE_SCHEM", "TABLE_NAME",
                            "TABLE_TYPE"));
            assertEquals(List.of("information_schema", "pg_catalog", "public"),
                    column(md.getSchemas(), "TABLE_SCHEM").stream().filter(s -> !s.equals("pg_toast")).toList());
        }
    }

    @Test
    void columnsAndKeys() throws Exception {
        columnsAndKeysChecks();
    }

    private void columnsAndKeysChecks() throws Exception {
        try (Connection c = connect(servers.memdb)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("id|serial|4|NO|YES", "name|text|12|NO|NO", "born|date|91|YES|NO"),
                    column(md.getColumns(null, "public", "author", "%"), "COLUMN_NAME", "TYPE_NAME", "DATA_TYPE",
                            "IS_NULLABLE", "IS_AUTOINCREMENT"));
            // getPrimaryKeys reads (information_schema._pg_expandarray(con.conkey)).n and (result.KEYS).x
            assertEquals(List.of("isbn|1|book_pkey", "edition|2|book_pkey"),
                    column(md.getPrimaryKeys(null, "public", "book"), "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
        }
    }

    @Test
    void updatableResultSetFindsThePrimaryKey() throws Exception {
        // pgjdbc finds the key of an updatable result set with (information_schema._pg_expandarray(i.indkey)).n
        try (Connection c = connect(servers.memdb);
             Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE)) {
            s.execute("create table shelf (code text, slot int, label text, primary key (code, slot))");
            try {
                s.execute("insert into shelf values ('a', 1, 'old'), ('a', 2, 'keep')");
                try (ResultSet rs = s.executeQuery("select code, slot, label from shelf where slot = 1")) {
                    rs.next();
                    rs.updateString("label", "new");
                    rs.updateRow();
                }
                assertEquals(List.of("a|1|new", "a|2|keep"), column(s.executeQuery("select code, slot, label from "
                        + "shelf order by slot"), "code", "slot", "label"));
            } finally {
                s.execute("drop table shelf"); // the other tests list the tables
            }
        }
    }

    @Test
    void resultSetMetaDataNamesTheTable() throws Exception {
        try (Connection c = connect(servers.memdb); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name, id, 1 as one from author")) {
            ResultSetMetaData md = rs.getMetaData();
            assertEquals("author", md.getTableName(1));
            assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
            assertEquals(true, md.isAutoIncrement(2));
            assertEquals("", md.getTableName(3));
            // as PostgreSQL 15 answers pgjdbc for the same table
            assertEquals(List.of("author|0|false|text|2147483647|0", "author|0|true|serial|10|0"),
                    List.of(describe(md, 1), describe(md, 2)));
        }
    }

    private static String describe(ResultSetMetaData md, int i) throws SQLException {
        return md.getTableName(i) + "|" + md.isNullable(i) + "|" + md.isAutoIncrement(i) + "|"
                + md.getColumnTypeName(i) + "|" + md.getPrecision(i) + "|" + md.getScale(i);
    }

    @Test
    void rawHandlerAnswersCatalogQueriesFromItsModel() throws Exception {
        try (Connection c = connect(servers.raw); Statement s = c.createStatement()) {
            assertEquals(List.of("users|registered users|id|bigint|t", "users|registered users|email|character "
                            + "varying(100)|t"),
                    column(s.executeQuery("select c.relname, obj_description(c.oid, 'pg_class') as d, a.attname, "
                            + "format_type(a.atttypid, a.atttypmod) as t, a.attnotnull from pg_class c "
                            + "join pg_attribute a on a.attrelid = c.oid join pg_namespace n on n.oid = c.relnamespace "
                            + "where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 order by a.attnum"),
                            "relname", "d", "attname", "t", "attnotnull"));
            assertEquals(List.of("PRIMARY KEY (id)"), column(s.executeQuery("select pg_get_constraintdef(oid) as d "
                    + "from pg_constraint where conrelid = 'users'::regclass"), "d"));
            try (ResultSet rs = s.executeQuery("select id, email from users")) {
                rs.next();
                assertEquals("a@example.com", rs.getString(2));
            }
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from orders"));
            assertEquals("0A000", e.getSQLState());
        }
    }

    @Test
    void rawHandlerDatabaseMetaData() throws Exception {
        try (Connection c = connect(servers.raw)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals(List.of("public|users_pkey|INDEX|null", "public|users|TABLE|registered users"),
                    column(md.getTables(null, "public", "%", null), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE",
                            "REMARKS"));
            assertEquals(List.of("id|int8|NO", "email|varchar|NO"),
                    column(md.getColumns(null, "public", "users", "%"), "COLUMN_NAME", "TYPE_NAME", "IS_NULLABLE"));
            assertEquals(List.of("id|users_pkey"),
                    column(md.getPrimaryKeys(null, "public", "users"), "COLUMN_NAME", "PK_NAME"));
        }
    }
}
