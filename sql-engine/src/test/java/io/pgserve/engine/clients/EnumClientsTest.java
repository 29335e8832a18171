package io.pgserve.engine.clients;

import io.pgserve.engine.SqlEngine;
import io.pgserve.server.PgServer;
import io.pgserve.server.testsupport.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real clients with a user-defined enum type over memdb: asyncpg (its type introspection query must run for the enum
 * and enum[] OIDs), pgjdbc (getString, getObject, getArray, setObject with Types.OTHER, in text and binary-capable
 * extended query mode) and psycopg 3 (EnumInfo, register_enum, text and binary). Every expected line is what the same
 * client printed against PostgreSQL 15.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EnumClientsTest {
    private PgServer server;

    @BeforeEach
    void start() {
        server = PgServer.builder().host("127.0.0.1").port(0).handler(SqlEngine.memdb()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void asyncpg() throws Exception {
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/enum_asyncpg.py",
                Integer.toString(server.port())), 60);
        assertEquals("""
                2 'sad' [] [3]
                4 'ok' ['happy', None] []
                1 'happy' ['sad', 'ok'] [1, 2]
                3 None None None
                [<Record id=1>, <Record id=4>]
                'ok' ['ok', 'happy']
                InvalidTextRepresentationError 22P02 invalid input value for enum mood: "nope"
                mood b'e'
                """, r.output());
    }

    @Test
    void psycopg() throws Exception {
        Processes.Result r = Processes.run(List.of("/usr/bin/python3", "src/test/python/enum_psycopg.py",
                Integer.toString(server.port())), 60);
        assertEquals("""
                [('happy', '{sad,ok}')]
                mood ['sad', 'ok', 'happy'] True
                (2, <Mood.sad: 1>, [<Mood.ok: 2>, <Mood.happy: 3>])
                (1, <Mood.happy: 3>, [<Mood.sad: 1>, <Mood.ok: 2>])
                (<Mood.sad: 1>, [<Mood.ok: 2>, <Mood.happy: 3>])
                """, r.output());
    }

    @Test
    void pgjdbc() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("create type mood as enum ('sad', 'ok', 'happy')");
                s.execute("create table jdbc_enum (id int, m mood, ms mood[])");
            }
            try (PreparedStatement p = c.prepareStatement("insert into jdbc_enum values (?, ?, ?)")) {
                p.setInt(1, 1);
                p.setObject(2, "happy", Types.OTHER);
                p.setObject(3, "{sad,ok}", Types.OTHER);
                p.executeUpdate();
                p.setInt(1, 2);
                p.setObject(2, "sad", Types.OTHER);
                p.setArray(3, c.createArrayOf("mood", new Object[] {"ok"}));
                p.executeUpdate();
                p.setInt(1, 3);
                p.setString(2, "ok");
                p.setNull(3, Types.ARRAY);
                try {
                    p.executeUpdate();
                } catch (SQLException e) {
                    out.add("setString: " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
                }
            }
            // the sixth execution is a named server-side statement whose results pgjdbc may take in binary
            try (PreparedStatement p = c.prepareStatement("select id, m, ms from jdbc_enum where m >= ?::mood "
                    + "order by m")) {
                p.setString(1, "sad");
                for (int i = 0; i < 6; i++) {
                    try (ResultSet rs = p.executeQuery()) {
                        if (i == 0 || i == 5) {
                            rows(rs, out);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(
                "setString: 42804 ERROR: column \"m\" is of type mood but expression is of type character varying "
                        + "  Hint: You will need to rewrite or cast the expression.   Position: 35",
                "types: 12 mood java.lang.String / 2003 _mood",
                "2 sad java.lang.String:sad {ok} [ok] mood",
                "1 happy java.lang.String:happy {sad,ok} [sad, ok] mood",
                "types: 12 mood java.lang.String / 2003 _mood",
                "2 sad java.lang.String:sad {ok} [ok] mood",
                "1 happy java.lang.String:happy {sad,ok} [sad, ok] mood"), out);
    }

    private static void rows(ResultSet rs, List<String> out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        out.add("types: " + md.getColumnType(2) + " " + md.getColumnTypeName(2) + " " + md.getColumnClassName(2)
                + " / " + md.getColumnType(3) + " " + md.getColumnTypeName(3));
        while (rs.next()) {
            Object o = rs.getObject(2);
            Array arr = rs.getArray(3);
            out.add(rs.getInt(1) + " " + rs.getString(2) + " " + o.getClass().getName() + ":" + o + " "
                    + rs.getString(3) + " " + (arr == null ? null
                    : Arrays.toString((Object[]) arr.getArray()) + " " + arr.getBaseTypeName()));
        }
    }
}
