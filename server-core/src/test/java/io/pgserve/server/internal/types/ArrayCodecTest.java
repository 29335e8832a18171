package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ArrayCodec with the small test element codecs of {@link TestElementCodecs} (int4 and text), so the array logic is tested on its own.
 * Expected texts, bytes and errors are PostgreSQL 15's (checked with psql against 15.18).
 */
class ArrayCodecTest {
    private static final CodecContext CTX = CodecContext.DEFAULT;

    private static final ArrayCodec INTS = new ArrayCodec(PgType.INT4, new TestElementCodecs.Int4());
    private static final ArrayCodec TEXTS = new ArrayCodec(PgType.TEXT, new TestElementCodecs.Text());

    static PgArray decodeText(ArrayCodec codec, String text) {
        ByteBuf in = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            PgArray a = (PgArray) codec.decodeText(in, CTX);
            assertEquals(0, in.readableBytes());
            return a;
        } finally {
            in.release();
        }
    }

    static PgArray decodeBinary(ArrayCodec codec, String hex) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            PgArray a = (PgArray) codec.decodeBinary(in, CTX);
            assertEquals(0, in.readableBytes());
            return a;
        } finally {
            in.release();
        }
    }

    static String encodeText(ArrayCodec codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encodeText(value, out, CTX);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    static String encodeBinary(ArrayCodec codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encodeBinary(value, out, CTX);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    /** text in → text out, both ways through binary too. */
    static void roundTrip(ArrayCodec codec, String input, String text) {
        PgArray a = decodeText(codec, input);
        assertEquals(text, encodeText(codec, a), "text of " + input);
        String hex = encodeBinary(codec, a);
        PgArray b = decodeBinary(codec, hex);
        assertEquals(a, b, "binary round trip of " + input);
        assertEquals(text, encodeText(codec, b));
        assertEquals(hex, encodeBinary(codec, b));
        assertEquals(a, decodeText(codec, text), "output reads back: " + text);
    }

    @Test
    void oneDimension() {
        PgArray a = decodeText(INTS, "{1,2,3}");
        assertEquals(PgType.INT4.oid(), a.elementOid());
        assertEquals(List.of(3), a.dimensions());
        assertEquals(List.of(1), a.lowerBounds());
        assertEquals(List.of(1, 2, 3), a.elements());
        assertEquals("{1,2,3}", encodeText(INTS, a));
        roundTrip(INTS, "{1,2,3}", "{1,2,3}");
    }

    @Test
    void nesting() {
        PgArray a = decodeText(INTS, "{{1,2},{3,4},{5,6}}");
        assertEquals(List.of(3, 2), a.dimensions());
        assertEquals(List.of(1, 1), a.lowerBounds());
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6)), a.toList());
        assertEquals(5, a.get(3, 1));
        roundTrip(INTS, "{{1,2},{3,4},{5,6}}", "{{1,2},{3,4},{5,6}}");
        roundTrip(INTS, "{{{1},{2}},{{3},{4}}}", "{{{1},{2}},{{3},{4}}}");
        roundTrip(INTS, "{{{{{{7}}}}}}", "{{{{{{7}}}}}}");
    }

    @Test
    void whitespaceIsTolerated() {
        roundTrip(INTS, "  { 1 ,\t2 ,\n3 }  ", "{1,2,3}");
        roundTrip(INTS, " { { 1 , 2 } , { 3 , 4 } } ", "{{1,2},{3,4}}");
        roundTrip(TEXTS, "{ \"a\"  , b c , d\\ }", "{a,\"b c\",\"d \"}");
    }

    @Test
    void nulls() {
        PgArray a = decodeText(INTS, "{1,NULL,null, NuLl }");
        assertEquals(Arrays.asList(1, null, null, null), a.elements());
        assertTrue(a.hasNulls());
        assertEquals("{1,NULL,NULL,NULL}", encodeText(INTS, a));
        assertEquals("000000010000000100000017000000040000000100000004000000"
                + "01ffffffffffffffffffffffff", encodeBinary(INTS, a));
        // PostgreSQL: array_send('{1,NULL}'::int[])
        assertEquals("00000001000000010000001700000002000000010000000400000001ffffffff",
                encodeBinary(INTS, decodeText(INTS, "{1,NULL}")));
        PgArray t = decodeText(TEXTS, "{NULL,\"NULL\",\"null\",\\NULL,NULLx, NULL }");
        assertEquals(Arrays.asList(null, "NULL", "null", "NULL", "NULLx", null), t.elements());
        assertEquals("{NULL,\"NULL\",\"null\",\"NULL\",NULLx,NULL}", encodeText(TEXTS, t));
        assertEquals("{{NULL,NULL},{NULL,NULL}}", encodeText(INTS,
                PgArray.of(List.of(Arrays.asList(null, null), Arrays.asList(null, null)))));
    }

    @Test
    void quoting() {
        List<String> items = List.of("", "NULL", "nuLL", "a b", "a,b", "{", "}", "\"", "\\", "tab\there", "new\nline",
                "plain", "é€😀", "x\"y\\z", " lead", "trail ", "ve\u000btab", "ff\f");
        String text = encodeText(TEXTS, items);
        assertEquals("{\"\",\"NULL\",\"nuLL\",\"a b\",\"a,b\",\"{\",\"}\",\"\\\"\",\"\\\\\",\"tab\there\","
                + "\"new\nline\",plain,é€😀,\"x\\\"y\\\\z\",\" lead\",\"trail \",\"ve\u000btab\",\"ff\f\"}", text);
        assertEquals(items, decodeText(TEXTS, text).elements());
        roundTrip(TEXTS, text, text);
        // backslash escapes outside quotes, and quotes inside elements
        assertEquals(List.of("a\"b", "c,d", "{e}"), decodeText(TEXTS, "{\"a\\\"b\",c\\,d,\\{e\\}}").elements());
        // quoted strings keep their inner white space; unquoted ones lose only leading and trailing
        assertEquals(List.of(" x ", "y z"), decodeText(TEXTS, "{\" x \",  y z  }").elements());
    }

    @Test
    void empty() {
        for (String input : List.of("{}", "{ }", "  {}  ", "{{{1}},{2}}")) {
            PgArray a = decodeText(INTS, input);
            assertTrue(a.isEmpty(), input);
            assertEquals(0, a.ndim());
            assertEquals(List.of(), a.toList());
            assertEquals("{}", encodeText(INTS, a));
            assertEquals("000000000000000000000017", encodeBinary(INTS, a));
        }
        assertEquals("{}", encodeText(INTS, List.of()));
        assertEquals("{}", encodeText(INTS, List.of(List.of(), List.of())));
        assertEquals("{}", encodeText(INTS, new int[0]));
        assertEquals(PgArray.empty(23), decodeBinary(INTS, "000000000000000000000017"));
        // ndim 1 with length 0 is also empty
        assertEquals(PgArray.empty(23), decodeBinary(INTS, "00000001000000000000001700000000" + "00000001"));
        assertEquals("{}", encodeText(TEXTS, decodeText(TEXTS, "{}")));
    }

    @Test
    void lowerBounds() {
        PgArray a = decodeText(INTS, "[0:2]={1,2,3}");
        assertEquals(List.of(0), a.lowerBounds());
        assertEquals(1, a.get(0));
        assertEquals("[0:2]={1,2,3}", encodeText(INTS, a));
        // PostgreSQL: array_send('[0:1]={1,2}'::int[])
        assertEquals("000000010000000000000017000000020000000000000004000000010000000400000002",
                encodeBinary(INTS, decodeText(INTS, "[0:1]={1,2}")));
        roundTrip(INTS, "[1:2][0:1]={{1,2},{3,4}}", "[1:2][0:1]={{1,2},{3,4}}");
        roundTrip(INTS, " [-2:-1] [3:3] = {{1},{2}}", "[-2:-1][3:3]={{1},{2}}");
        roundTrip(INTS, "[1:2]={1,2}", "{1,2}");
        roundTrip(INTS, "[2]={1,2}", "{1,2}");
        roundTrip(INTS, "[+1:+2]={1,2}", "{1,2}");
        assertEquals("[5:6]={a,b}", encodeText(TEXTS, PgArray.of(List.of("a", "b")).withLowerBounds(5)));
        // atoi's overflow: PostgreSQL reads 99999999999 as 1215752191
        assertEquals("[1215752191:1215752191]={1}", encodeText(INTS, decodeText(INTS,
                "[99999999999:99999999999]={1}")));
    }

    @Test
    void oddInputsAsPostgres15() {
        // PostgreSQL 15 counts dimensions this way; these are its answers
        assertEquals("{{{1}},{{2}}}", encodeText(INTS, decodeText(INTS, "{{1},{{2}}}")));
        assertEquals("{}", encodeText(INTS, decodeText(INTS, "{{{1}},{2}}")));
    }

    @Test
    void javaValuesWhenEncoding() {
        assertEquals("{1,2,3}", encodeText(INTS, List.of(1, 2, 3)));
        assertEquals("{1,2,3}", encodeText(INTS, new Integer[] {1, 2, 3}));
        assertEquals("{1,2,3}", encodeText(INTS, new int[] {1, 2, 3}));
        assertEquals("{1,2}", encodeText(INTS, new long[] {1, 2}));
        assertEquals("{1,2}", encodeText(INTS, new short[] {1, 2}));
        assertEquals("{{1,2},{3,4}}", encodeText(INTS, new int[][] {{1, 2}, {3, 4}}));
        assertEquals("{{1,2},{3,4}}", encodeText(INTS, new Object[] {new int[] {1, 2}, List.of(3, 4)}));
        assertEquals("{{1,NULL}}", encodeText(INTS, List.<Object>of((Object) new Object[] {1, null})));
        assertEquals("{true,false}", encodeText(TEXTS, new boolean[] {true, false}));
        assertEquals("{1.5,2.0}", encodeText(TEXTS, new double[] {1.5, 2.0}));
        assertEquals("{0.5}", encodeText(TEXTS, new float[] {0.5f}));
        assertEquals("{{1,2},{3,4}}", encodeText(INTS, "{ {1,2}, {3,4} }"));
        assertEquals(encodeBinary(INTS, decodeText(INTS, "{{1,2},{3,4}}")), encodeBinary(INTS, List.of(List.of(1, 2),
                List.of(3, 4))));
        PgException ragged = assertThrows(PgException.class, () -> encodeText(INTS, List.of(List.of(1), List.of(2, 3))));
        assertEquals("2202E", ragged.sqlState());
        assertEquals("multidimensional arrays must have array expressions with matching dimensions",
                ragged.getMessage());
        assertThrows(PgException.class, () -> encodeText(INTS, List.of(List.of(1), 2)));
        assertThrows(PgException.class, () -> encodeText(INTS, List.of(1, List.of(2))));
        PgException deep = assertThrows(PgException.class,
                () -> encodeText(INTS, List.of(List.of(List.of(List.of(List.of(List.of(List.of(1)))))))));
        assertEquals("number of array dimensions (7) exceeds the maximum allowed (6)", deep.getMessage());
        PgException notArray = assertThrows(PgException.class, () -> encodeText(INTS, 5));
        assertEquals("42804", notArray.sqlState());
        // byte[] is a bytea value, not an array
        assertEquals("42804", assertThrows(PgException.class, () -> encodeText(INTS, new byte[] {1})).sqlState());
        assertFalse(PgArray.isSubArray(new byte[] {1}));
        assertEquals(1, PgArray.of(List.of(new byte[] {1, 2})).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                      | malformed array literal: ""                      | Array value must start with "{" or dimension information.
            '   '                   | malformed array literal: "   "                   | Array value must start with "{" or dimension information.
            1,2                     | malformed array literal: "1,2"                   | Array value must start with "{" or dimension information.
            }                       | malformed array literal: "}"                     | Array value must start with "{" or dimension information.
            {1,2                    | malformed array literal: "{1,2"                  | Unexpected end of input.
            '  {1,2'                | malformed array literal: "{1,2"                  | Unexpected end of input.
            [1:2]={1,2              | malformed array literal: "{1,2"                  | Unexpected end of input.
            {{1,2},{3,4}            | malformed array literal: "{{1,2},{3,4}"          | Unexpected end of input.
            {"a}                    | malformed array literal: "{"a}"                  | Unexpected end of input.
            {a\\}                   | malformed array literal: "{a\\}"                 | Unexpected end of input.
            {a\\                    | malformed array literal: "{a\\"                  | Unexpected end of input.
            {1,2}x                  | malformed array literal: "{1,2}x"                | Junk after closing right brace.
            {1}{2}                  | malformed array literal: "{1}{2}"                | Junk after closing right brace.
            {}}                     | malformed array literal: "{}}"                   | Junk after closing right brace.
            {{1},{2,3}}             | malformed array literal: "{{1},{2,3}}"           | Multidimensional arrays must have sub-arrays with matching dimensions.
            {{1,2},{3}}             | malformed array literal: "{{1,2},{3}}"           | Multidimensional arrays must have sub-arrays with matching dimensions.
            {{1},{2},{3,4}}         | malformed array literal: "{{1},{2},{3,4}}"       | Multidimensional arrays must have sub-arrays with matching dimensions.
            {{1},2}                 | malformed array literal: "{{1},2}"               | Unexpected array element.
            {"a"b}                  | malformed array literal: "{"a"b}"                | Unexpected array element.
            {a"b"}                  | malformed array literal: "{a"b"}"                | Unexpected array element.
            {1,{2}}                 | malformed array literal: "{1,{2}}"               | Unexpected "{" character.
            {{}}                    | malformed array literal: "{{}}"                  | Unexpected "}" character.
            {1,}                    | malformed array literal: "{1,}"                  | Unexpected "}" character.
            {1,,2}                  | malformed array literal: "{1,,2}"                | Unexpected "," character.
            {,}                     | malformed array literal: "{,}"                   | Unexpected "," character.
            {"a"\\b}                | malformed array literal: "{"a"\\b}"              | Unexpected "\\" character.
            [a]={1}                 | malformed array literal: "[a]={1}"               | "[" must introduce explicitly-specified array dimensions.
            [ 1:1]={1}              | malformed array literal: "[ 1:1]={1}"            | "[" must introduce explicitly-specified array dimensions.
            [1:]={1}                | malformed array literal: "[1:]={1}"              | Missing array dimension value.
            [1:2={1}                | malformed array literal: "[1:2={1}"              | Missing "]" after array dimensions.
            [1:2]{1,2}              | malformed array literal: "[1:2]{1,2}"            | Missing "=" after array dimensions.
            [1:2]=1                 | malformed array literal: "[1:2]=1"               | Array contents must start with "{".
            [1:2]={1,2,3}           | malformed array literal: "[1:2]={1,2,3}"         | Specified array dimensions do not match array contents.
            [1:2]={{1},{2}}         | malformed array literal: "[1:2]={{1},{2}}"       | Specified array dimensions do not match array contents.
            [1:1]={}                | malformed array literal: "[1:1]={}"              | Specified array dimensions do not match array contents.
            [1-2:3]={1}             | malformed array literal: "[1-2:3]={1}"           | Specified array dimensions do not match array contents.
            """)
    void malformed(String input, String message, String detail) {
        PgException e = assertThrows(PgException.class, () -> decodeText(TEXTS, input));
        assertEquals("22P02", e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(detail, e.detail());
    }

    @Test
    void otherTextErrors() {
        PgException e = assertThrows(PgException.class, () -> decodeText(INTS, "{1,a}"));
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"a\"", e.getMessage());
        e = assertThrows(PgException.class, () -> decodeText(INTS, "{1 2}"));
        assertEquals("invalid input syntax for type integer: \"1 2\"", e.getMessage());
        e = assertThrows(PgException.class, () -> decodeText(INTS, "[2:1]={}"));
        assertEquals("2202E: upper bound cannot be less than lower bound", e.sqlState() + ": " + e.getMessage());
        e = assertThrows(PgException.class, () -> decodeText(INTS, "{{{{{{{1}}}}}}}"));
        assertEquals("54000: number of array dimensions (7) exceeds the maximum allowed (6)",
                e.sqlState() + ": " + e.getMessage());
        e = assertThrows(PgException.class, () -> decodeText(INTS, "[1][1][1][1][1][1][1]={1}"));
        assertEquals("54000: number of array dimensions (7) exceeds the maximum allowed (6)",
                e.sqlState() + ": " + e.getMessage());
        e = assertThrows(PgException.class, () -> decodeText(INTS, "[2147483647:2147483647]={1}"));
        assertEquals("54000: array lower bound is too large: 2147483647", e.sqlState() + ": " + e.getMessage());
    }

    @Test
    void binaryErrors() {
        String header = "00000001" + "00000000";
        assertBinaryError(INTS, header + "00000019" + "00000001" + "00000001" + "00000004" + "00000001",
                "42804", "binary data has array element type 25 (text) instead of expected 23 (integer)");
        assertBinaryError(INTS, "ffffffff" + "00000000" + "00000017", "22P03", "invalid number of dimensions: -1");
        assertBinaryError(INTS, "00000007" + "00000000" + "00000017", "54000",
                "number of array dimensions (7) exceeds the maximum allowed (6)");
        assertBinaryError(INTS, "00000001" + "00000002" + "00000017", "22P03", "invalid array flags");
        assertBinaryError(INTS, "000000010000", "08P01", "insufficient data left in message");
        assertBinaryError(INTS, header + "00000017" + "00000002" + "00000001" + "00000004" + "00000001", "08P01",
                "insufficient data left in message");
        assertBinaryError(INTS, header + "00000017" + "00000001" + "00000001" + "00000008" + "00000001", "22P03",
                "insufficient data left in message");
        assertBinaryError(INTS, header + "00000017" + "00000001" + "00000001" + "fffffffe", "22P03",
                "insufficient data left in message");
        assertBinaryError(INTS, header + "00000017" + "00000001" + "00000001" + "00000005" + "0000000100", "22P03",
                "improper binary format in array element 1");
        assertBinaryError(INTS, header + "00000017" + "ffffffff" + "00000001", "54000",
                "array size exceeds the maximum allowed (134217727)");
        assertBinaryError(INTS, header + "00000017" + "00000002" + "7fffffff", "54000",
                "array lower bound is too large: 2147483647");
        assertBinaryError(INTS, header + "00000017" + "00000001" + "00000001" + "00000004" + "00000001" + "00",
                "22P03", "incorrect binary data format");
        // user-defined element types are not checked, as in PostgreSQL
        ArrayCodec user = new ArrayCodec(new PgType(100_000, "mood", 4, 'E', 100_001, 0), new TestElementCodecs.Text());
        assertEquals(List.of("ok"), decodeBinary(user, header + "00000019" + "00000001" + "00000001" + "00000002"
                + "6f6b").elements());
    }

    private static void assertBinaryError(ArrayCodec codec, String hex, String sqlState, String message) {
        PgException e = assertThrows(PgException.class, () -> decodeBinary(codec, hex));
        assertEquals(sqlState + ": " + message, e.sqlState() + ": " + e.getMessage());
    }

    @Test
    void binaryRoundTrips() {
        PgArray a = decodeBinary(INTS, "000000020000000100000017" + "0000000200000000" + "0000000200000005"
                + "00000004000000010000000400000002" + "ffffffff" + "00000004ffffffff");
        assertEquals(List.of(2, 2), a.dimensions());
        assertEquals(List.of(0, 5), a.lowerBounds());
        assertEquals(Arrays.asList(1, 2, null, -1), a.elements());
        assertEquals("[0:1][5:5]={{1},{2}}", encodeText(INTS, new PgArray(23, List.of(2, 1), List.of(0, 5),
                List.of(1, 2))));
        assertEquals("[0:1][5:6]={{1,2},{NULL,-1}}", encodeText(INTS, a));
        roundTrip(TEXTS, "{\"ünï\",\"\",NULL,\"a\\\\b\"}", "{ünï,\"\",NULL,\"a\\\\b\"}");
        assertEquals("000000010000000000000019000000020000000100000002c3bc00000000",
                encodeBinary(TEXTS, List.of("ü", "")));
    }

    @Test
    void pgArrayValue() {
        PgArray a = PgArray.of(List.of(List.of(1, 2), List.of(3, 4)));
        assertEquals(0, a.elementOid());
        assertEquals(List.of(2, 2), a.dimensions());
        assertEquals(List.of(1, 1), a.lowerBounds());
        assertEquals(List.of(1, 2, 3, 4), a.elements());
        assertEquals(List.of(List.of(1, 2), List.of(3, 4)), a.toList());
        assertEquals(4, a.get(2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(1));
        PgArray shifted = a.withLowerBounds(0, 0);
        assertEquals(1, shifted.get(0, 0));
        assertNotEquals(a, shifted);
        assertEquals(a, PgArray.ofArray(0, new int[][] {{1, 2}, {3, 4}}));
        assertEquals(a.hashCode(), PgArray.ofArray(0, new int[][] {{1, 2}, {3, 4}}).hashCode());
        // bytea elements compare by content
        PgArray b1 = PgArray.of(PgType.BYTEA, List.of(new byte[] {1, 2}));
        PgArray b2 = PgArray.of(PgType.BYTEA, List.of(new byte[] {1, 2}));
        assertEquals(b1, b2);
        assertEquals(b1.hashCode(), b2.hashCode());
        assertEquals(PgType.BYTEA.oid(), b1.elementOid());
        // nulls allowed
        PgArray n = PgArray.of(Arrays.asList(1, null));
        assertNull(n.get(2));
        assertTrue(n.hasNulls());
        assertThrows(UnsupportedOperationException.class, () -> n.elements().add(3));
        assertThrows(IllegalArgumentException.class, () -> new PgArray(23, List.of(2), List.of(1), List.of(1)));
        assertThrows(IllegalArgumentException.class, () -> new PgArray(23, List.of(1), List.of(), List.of(1)));
        // an array without elements has no dimensions
        PgArray e = new PgArray(23, List.of(0, 3), List.of(1, 1), List.of());
        assertEquals(PgArray.empty(23), e);
        assertEquals(List.of(), e.dimensions());
        assertTrue(a.toString().contains("[1:2][1:2]"));
    }
}
