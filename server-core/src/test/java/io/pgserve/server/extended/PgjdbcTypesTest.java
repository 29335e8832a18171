package io.pgserve.server.extended;

import io.pgserve.server.PgServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every type through pgjdbc's PreparedStatement and back, with server-side prepared statements from the first
 * execution (prepareThreshold=1), forced binary transfer (prepareThreshold=-1), and plain extended text mode.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PgjdbcTypesTest {
    private static PgServer server;

    @BeforeAll
    static void start() {
        server = PgServer.builder().port(0).handler(session -> new EchoHandler()).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String prepareThreshold) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("prepareThreshold", prepareThreshold);
        p.setProperty("binaryTransfer", "true");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private static <T> T echo(Connection c, String type, Object value, Class<T> as) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::" + type)) {
            T result = null;
            // Several runs: the first ones may be unprepared/text, later ones prepared/binary.
            for (int i = 0; i < 3; i++) {
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    result = rs.getObject(1, as);
                    assertFalse(rs.next());
                }
            }
            return result;
        }
    }

    /** The value's text as the client reads it with getString. */
    private static String echoText(Connection c, String type, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::" + type)) {
            String result = null;
            for (int i = 0; i < 3; i++) {
                ps.setObject(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    result = rs.getString(1);
                }
            }
            return result;
        }
    }

    private static String echoString(Connection c, String type, Object value) throws SQLException {
        return echo(c, type, value, String.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "0"})
    void numbersAndBooleans(String threshold) throws Exception {
        try (Connection c = connect(threshold)) {
            assertEquals(true, echo(c, "bool", true, Boolean.class));
            assertEquals(false, echo(c, "bool", false, Boolean.class));
            assertEquals((short) -32768, echo(c, "int2", (short) -32768, Short.class));
            assertEquals(Integer.MIN_VALUE, echo(c, "int4", Integer.MIN_VALUE, Integer.class));
            assertEquals(Long.MAX_VALUE, echo(c, "int8", Long.MAX_VALUE, Long.class));
            assertEquals(1.5f, echo(c, "float4", 1.5f, Float.class));
            assertEquals(0.1 + 0.2, echo(c, "float8", 0.1 + 0.2, Double.class));
            assertEquals(Double.NaN, echo(c, "float8", Double.NaN, Double.class));
            assertEquals(Double.NEGATIVE_INFINITY, echo(c, "float8", Double.NEGATIVE_INFINITY, Double.class));
            BigDecimal big = new BigDecimal("-12345678901234567890.000000000000000000012345");
            assertEquals(big, echo(c, "numeric", big, BigDecimal.class));
            assertEquals(new BigDecimal("1.10"), echo(c, "numeric", new BigDecimal("1.10"), BigDecimal.class));
            assertEquals(4_294_967_295L, echo(c, "oid", 4_294_967_295L, Long.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "0"})
    void textAndBinaryStrings(String threshold) throws Exception {
        try (Connection c = connect(threshold)) {
            String unicode = "héllo, 世界 😀 ' \" \\";
            assertEquals(unicode, echoString(c, "text", unicode));
            assertEquals(unicode, echoString(c, "varchar", unicode));
            assertEquals("", echoString(c, "text", ""));
            assertEquals("name", echoString(c, "name", "name"));
            byte[] bytes = {0, 1, 2, (byte) 0xff, '\\', '\''};
            assertArrayEquals(bytes, echo(c, "bytea", bytes, byte[].class));
            UUID uuid = UUID.randomUUID();
            assertEquals(uuid, echo(c, "uuid", uuid, UUID.class));
            // pgjdbc resolves jsonb (and interval) through its pg_type lookup for getObject; getString needs no catalog.
            assertEquals("{\"a\": [1, 2]}", echoText(c, "jsonb", "{\"a\":[1,2]}"));
            assertEquals("{\"a\":[1,2]}", echoText(c, "json", "{\"a\":[1,2]}"));
            // As with interval: a PGobject of type inet is looked up in pg_type by pgjdbc, so send text.
            assertEquals("192.168.0.1/24", echoText(c, "inet", "192.168.0.1/24"));
            assertEquals("::1", echoText(c, "inet", "::1/128"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "0"})
    void datesAndTimes(String threshold) throws Exception {
        try (Connection c = connect(threshold)) {
            assertEquals(LocalDate.of(2024, 2, 29), echo(c, "date", LocalDate.of(2024, 2, 29), LocalDate.class));
            assertEquals(LocalDate.of(1, 1, 1), echo(c, "date", LocalDate.of(1, 1, 1), LocalDate.class));
            LocalTime time = LocalTime.of(23, 59, 59, 999_999_000);
            assertEquals(time, echo(c, "time", time, LocalTime.class));
            OffsetTime timetz = OffsetTime.of(10, 11, 12, 0, ZoneOffset.ofHoursMinutes(5, 30));
            assertEquals(timetz, echo(c, "timetz", timetz, OffsetTime.class));
            LocalDateTime ts = LocalDateTime.of(1999, 12, 31, 23, 59, 59, 123_456_000);
            assertEquals(ts, echo(c, "timestamp", ts, LocalDateTime.class));
            OffsetDateTime tstz = OffsetDateTime.of(2024, 3, 10, 2, 30, 0, 0, ZoneOffset.ofHours(-7));
            assertEquals(tstz.toInstant(), echo(c, "timestamptz", tstz, OffsetDateTime.class).toInstant());
            // Binding a PGInterval makes pgjdbc look "interval" up in pg_type (the catalog comes with its own issue),
            // so the interval goes as text and is cast on the server.
            assertEquals("1 year 2 mons 3 days 04:05:06.5",
                    echoText(c, "interval", "1 year 2 mons 3 days 4 hours 5 minutes 6.5 seconds"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1", "0"})
    void arraysAndNulls(String threshold) throws Exception {
        try (Connection c = connect(threshold)) {
            Array ints = c.createArrayOf("int4", new Integer[] {1, null, -3});
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::int4[]")) {
                for (int i = 0; i < 3; i++) {
                    ps.setArray(1, ints);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertArrayEquals(new Integer[] {1, null, -3}, (Integer[]) rs.getArray(1).getArray());
                    }
                }
            }
            Array texts = c.createArrayOf("text", new String[] {"a", "b c", "", null, "NULL", "{}", "\"q\""});
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::text[]")) {
                for (int i = 0; i < 3; i++) {
                    ps.setArray(1, texts);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertArrayEquals(new String[] {"a", "b c", "", null, "NULL", "{}", "\"q\""},
                                (String[]) rs.getArray(1).getArray());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::int4, ?::text")) {
                for (int i = 0; i < 3; i++) {
                    ps.setNull(1, java.sql.Types.INTEGER);
                    ps.setNull(2, java.sql.Types.VARCHAR);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertNull(rs.getObject(1));
                        assertNull(rs.getObject(2));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1"})
    void fetchSizePagesThroughAHundredThousandRows(String threshold) throws Exception {
        try (Connection c = connect(threshold); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(1000);
            long sum = 0;
            int count = 0;
            try (ResultSet rs = s.executeQuery("SELECT n FROM generate(100000)")) {
                while (rs.next()) {
                    sum += rs.getInt(1);
                    count++;
                }
            }
            c.commit();
            assertEquals(100_000, count);
            assertEquals(99_999L * 100_000 / 2, sum);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1"})
    void batchesAndStatementReuse(String threshold) throws Exception {
        try (Connection c = connect(threshold); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO t VALUES (?, ?, ?)")) {
            for (int i = 0; i < 1000; i++) {
                ps.setInt(1, i);
                ps.setString(2, "row " + i);
                ps.setObject(3, LocalDate.of(2024, 1, 1).plusDays(i));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            assertEquals(1000, counts.length);
            for (int n : counts) {
                assertEquals(1, n);
            }
        }
    }
}
