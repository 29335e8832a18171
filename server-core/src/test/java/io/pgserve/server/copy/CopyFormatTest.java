package io.pgserve.server.copy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the COPY format layer's API (the PostgreSQL comparisons are in CopyFormatGoldenTest). */
class CopyFormatTest {
    static final TypeRegistry TYPES = TypeRegistry.builtin();
    static final List<Column> COLS = List.of(Column.of("a", PgType.INT4), Column.of("b", PgType.TEXT));

    // ------------------------------------------------------------------ CopyCommand

    @Test
    void parsesTableColumnsAndDirection() {
        CopyCommand c = CopyCommand.parse("copy \"My Schema\".Users (Id, \"Name\") from stdin");
        assertEquals(List.of("My Schema", "users"), c.tableName());
        assertEquals("My Schema", c.schema());
        assertEquals("users", c.table());
        assertEquals(List.of("id", "Name"), c.columns());
        assertTrue(c.isFrom());
        assertEquals(CopyCommand.Target.STDIN, c.target());
        assertNull(c.query());
        assertEquals(CopyOptions.text(), c.options());
    }

    @Test
    void parsesQueryForm() {
        CopyCommand c = CopyCommand.parse("COPY ( SELECT a, ')' FROM t WHERE (a > 1) ) TO STDOUT WITH CSV;");
        assertEquals("SELECT a, ')' FROM t WHERE (a > 1)", c.query());
        assertEquals(List.of(), c.tableName());
        assertNull(c.table());
        assertEquals(CopyCommand.Direction.TO, c.direction());
        assertEquals(CopyOptions.Format.CSV, c.options().format());
    }

    @Test
    void parsesGenericOptions() {
        CopyOptions o = CopyCommand.parse("COPY t FROM STDIN (FORMAT csv, HEADER match, DELIMITER ';', NULL 'NULL',"
                + " QUOTE '''', ESCAPE '\\', FORCE_NOT_NULL (a), FORCE_NULL (b, \"C\"), ENCODING 'utf-8', FREEZE)")
                .options();
        assertEquals(new CopyOptions(CopyOptions.Format.CSV, ';', "NULL", CopyOptions.Header.MATCH, '\'', '\\',
                false, List.of(), List.of("a"), List.of("b", "C"), "UTF8", true), o);
    }

    @Test
    void parsesLegacyOptions() {
        CopyOptions o = CopyCommand.parse("COPY t TO STDOUT WITH CSV HEADER DELIMITER AS '|' NULL AS 'x' "
                + "QUOTE AS '*' ESCAPE '!' FORCE QUOTE a, b").options();
        assertEquals(CopyOptions.csv().withHeader(CopyOptions.Header.TRUE).withDelimiter('|').withNullString("x")
                .withQuote('*').withEscape('!').withForceQuote(List.of("a", "b")), o);
        assertTrue(CopyCommand.parse("COPY t TO STDOUT CSV FORCE QUOTE *").options().forceQuoteAll());
        assertTrue(CopyCommand.parse("COPY t TO STDOUT (FORMAT csv, FORCE_QUOTE *)").options().forceQuoteAll());
        assertEquals(List.of("b"), CopyCommand.parse("COPY t FROM STDIN CSV FORCE NOT NULL b").options()
                .forceNotNull());
        assertEquals(List.of("a", "b"), CopyCommand.parse("COPY t FROM STDIN CSV FORCE NULL a, b").options()
                .forceNull());
        assertEquals(CopyOptions.binary(), CopyCommand.parse("COPY BINARY t FROM STDIN").options());
        assertEquals(CopyOptions.binary(), CopyCommand.parse("COPY t TO STDOUT WITH BINARY").options());
        assertEquals('|', CopyCommand.parse("COPY t FROM STDIN USING DELIMITERS '|'").options().delimiter());
        assertEquals('|', CopyCommand.parse("COPY t FROM STDIN DELIMITERS '|'").options().delimiter());
        assertEquals(CopyOptions.Header.TRUE, CopyCommand.parse("COPY t FROM STDIN HEADER").options().header());
        assertTrue(CopyCommand.parse("COPY t FROM STDIN FREEZE").options().freeze());
        assertEquals("UTF8", CopyCommand.parse("COPY t FROM STDIN ENCODING 'UNICODE'").options().encoding());
    }

    @Test
    void headerValues() {
        for (String v : List.of("", " true", " on", " 1", " 'TRUE'")) {
            assertEquals(CopyOptions.Header.TRUE, CopyCommand.parse("COPY t FROM STDIN (HEADER" + v + ")")
                    .options().header(), v);
        }
        for (String v : List.of(" false", " off", " 0")) {
            assertEquals(CopyOptions.Header.FALSE, CopyCommand.parse("COPY t FROM STDIN (HEADER" + v + ")")
                    .options().header(), v);
        }
    }

    @Test
    void keepsWhereClause() {
        CopyCommand c = CopyCommand.parse("COPY t FROM STDIN (FORMAT csv) WHERE a > 1 AND b <> 'x';");
        assertEquals("a > 1 AND b <> 'x'", c.whereClause());
    }

    @Test
    void rejectsOtherEncodingsAndFiles() {
        PgException e = assertThrows(PgException.class,
                () -> CopyCommand.parse("COPY t FROM STDIN (ENCODING 'LATIN1')"));
        assertEquals("0A000", e.sqlState());
        e = assertThrows(PgException.class, () -> CopyCommand.parse("COPY t TO '/etc/passwd'"));
        assertEquals("42501", e.sqlState());
        assertEquals("must be superuser or have privileges of the pg_write_server_files role to COPY to a file",
                e.getMessage());
    }

    // ------------------------------------------------------------------ CopyDecoder

    static final byte[] TEXT_SAMPLE = ("1\ta\\tb\n\\N\t\\N\n3\tcaf\u00e9 \u2713\n4\t\\x41\\101\\\\\n\\.\nignored\n")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] CSV_SAMPLE = ("a,b\r\n1,\"x,\"\"y\"\"\r\nz\"\r\n2,\r\n3,\"\"\r\n4,\u00e9\r\n")
            .getBytes(StandardCharsets.UTF_8);

    static byte[] binarySample() {
        ByteBuf b = Unpooled.buffer();
        CopyEncoder enc = new CopyEncoder(CopyOptions.binary(), COLS, TYPES, CodecContext.DEFAULT);
        enc.writeHeader(b);
        enc.writeRow(Arrays.asList(1, "x"), b);
        enc.writeRow(Arrays.asList(null, "\u2713"), b);
        enc.writeRow(Arrays.asList(-5, null), b);
        enc.writeTrailer(b);
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    static List<List<Object>> decode(CopyOptions o, byte[] data, int... splits) {
        List<List<Object>> rows = new ArrayList<>();
        CopyDecoder d = CopyDecoder.typed(o, "t", COLS, TYPES, CodecContext.DEFAULT, rows::add);
        int from = 0;
        for (int s : splits) {
            d.feed(Unpooled.wrappedBuffer(data, from, s - from));
            from = s;
        }
        d.feed(Unpooled.wrappedBuffer(data, from, data.length - from));
        d.finish();
        return rows;
    }

    @Test
    void decodesTextSample() {
        assertEquals(List.of(Arrays.asList(1, "a\tb"), Arrays.asList(null, null), Arrays.asList(3, "caf\u00e9 \u2713"),
                Arrays.asList(4, "AA\\")), decode(CopyOptions.text(), TEXT_SAMPLE));
    }

    @Test
    void decodesCsvSample() {
        assertEquals(List.of(Arrays.asList(1, "x,\"y\"\r\nz"), Arrays.asList(2, null), Arrays.asList(3, ""),
                Arrays.asList(4, "\u00e9")), decode(CopyOptions.csv().withHeader(CopyOptions.Header.MATCH),
                CSV_SAMPLE));
    }

    @Test
    void decodesBinarySample() {
        assertEquals(List.of(Arrays.asList(1, "x"), Arrays.asList(null, "\u2713"), Arrays.asList(-5, null)),
                decode(CopyOptions.binary(), binarySample()));
    }

    @Test
    void splitAnywhereGivesTheSameRows() {
        Object[][] samples = {
            {CopyOptions.text(), TEXT_SAMPLE},
            {CopyOptions.csv().withHeader(CopyOptions.Header.MATCH), CSV_SAMPLE},
            {CopyOptions.binary(), binarySample()},
        };
        for (Object[] s : samples) {
            CopyOptions o = (CopyOptions) s[0];
            byte[] data = (byte[]) s[1];
            List<List<Object>> whole = decode(o, data);
            for (int i = 0; i <= data.length; i++) {
                assertEquals(whole, decode(o, data, i), o.format() + " split at " + i);
                for (int j = i; j <= data.length; j += 3) {
                    assertEquals(whole, decode(o, data, i, j), o.format() + " split at " + i + ", " + j);
                }
            }
        }
    }

    @Test
    void rawRowsAndLineNumbers() {
        List<CopyRow> rows = new ArrayList<>();
        CopyDecoder d = CopyDecoder.create(CopyOptions.csv(), "t", List.of("a", "b"), rows::add);
        d.feed("1,\"two\nlines\"\n2,".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, rows.size());
        d.feed(",".getBytes(StandardCharsets.UTF_8));
        PgException e = assertThrows(PgException.class, d::finish);
        assertEquals("extra data after last expected column", e.getMessage());
        assertEquals("COPY t, line 2: \"2,,\"", e.where());
        assertEquals(List.of("1", "two\nlines"), rows.get(0).textFields());
        assertFalse(rows.get(0).isBinary());
        assertEquals(1, rows.get(0).lineNumber());

        List<CopyRow> bin = new ArrayList<>();
        CopyDecoder b = CopyDecoder.create(CopyOptions.binary(), "t", List.of("a", "b"), bin::add);
        b.feed(binarySample());
        b.finish();
        assertTrue(b.endSeen());
        assertEquals(3, b.rowCount());
        assertArrayEquals(new byte[] {0, 0, 0, 1}, bin.get(0).binaryFields().get(0));
        assertTrue(bin.get(1).isNull(0));
    }

    @Test
    void typeErrorsCarryTheColumnContext() {
        PgException e = assertThrows(PgException.class,
                () -> decode(CopyOptions.text(), "1\tx\n2\ty\nx\tz\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"x\"", e.getMessage());
        assertEquals("COPY t, line 3, column a: \"x\"", e.where());
    }

    @Test
    void memoryStaysBounded() {
        long[] n = {0};
        CopyDecoder d = CopyDecoder.create(CopyOptions.text(), "t", List.of("a", "b"), r -> n[0]++);
        byte[] chunk = "12345\tsome text value\n".repeat(500).getBytes(StandardCharsets.UTF_8);
        int max = 0;
        for (int i = 0; i < 2000; i++) {
            d.feed(chunk, 0, 7777 % chunk.length);
            d.feed(chunk, 7777 % chunk.length, chunk.length - 7777 % chunk.length);
            max = Math.max(max, d.bufferedBytes());
        }
        d.finish();
        assertEquals(1_000_000, n[0]);
        assertTrue(max < 100, "buffered " + max);
    }

    // ------------------------------------------------------------------ CopyEncoder

    static String encode(CopyOptions o, List<Column> cols, List<?>... rows) {
        CopyEncoder enc = new CopyEncoder(o, cols, TYPES, CodecContext.DEFAULT);
        ByteBuf out = Unpooled.buffer();
        enc.writeHeader(out);
        for (List<?> r : rows) {
            enc.writeRow(r, out);
        }
        enc.writeTrailer(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void encodesText() {
        assertEquals("1\ta\\tb\\\\c\\nd\n\\N\t\\\\N\n", encode(CopyOptions.text(), COLS,
                Arrays.asList(1, "a\tb\\c\nd"), Arrays.asList(null, "\\N")));
        assertEquals("a|b\n1|x\\|y\n", encode(CopyOptions.text().withDelimiter('|')
                .withHeader(CopyOptions.Header.TRUE), COLS, Arrays.asList(1, "x|y")));
    }

    @Test
    void encodesCsv() {
        assertEquals("a,b\n1,\"x,\"\"y\"\"\"\n,\"\"\n2,plain\n", encode(CopyOptions.csv()
                .withHeader(CopyOptions.Header.TRUE), COLS, Arrays.asList(1, "x,\"y\""), Arrays.asList(null, ""),
                Arrays.asList(2, "plain")));
        assertEquals("\"1\",\"plain\",\n", encode(CopyOptions.csv().withForceQuoteAll(),
                List.of(COLS.get(0), COLS.get(1), Column.of("c", PgType.TEXT)), Arrays.asList(1, "plain", null)));
        assertEquals("\"\\.\"\n", encode(CopyOptions.csv(), List.of(COLS.get(1)), List.of("\\.")));
        assertThrows(PgException.class, () -> new CopyEncoder(CopyOptions.csv().withForceQuote(List.of("zz")),
                COLS, TYPES, CodecContext.DEFAULT));
    }
}
