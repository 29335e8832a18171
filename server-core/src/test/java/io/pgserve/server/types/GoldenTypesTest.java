package io.pgserve.server.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every codec against PostgreSQL 15's own answers (src/test/resources/types/golden, made by
 * src/test/golden/make-type-goldens.py). For an input PostgreSQL accepts, both ways and both formats:
 * text input → value → PostgreSQL's canonical text and its binary form; binary → value → the same text and binary.
 * For an input PostgreSQL rejects: the same SQLSTATE and message.
 */
class GoldenTypesTest {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();

    record Row(String file, int line, String type, String settings, String input, boolean ok, String text,
               String binaryOrMessage) {
    }

    @TestFactory
    Stream<DynamicNode> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenTypesTest.class.getResource("/types/golden").toURI());
        List<DynamicNode> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.sorted().toList()) {
                List<DynamicNode> tests = new ArrayList<>();
                for (Row row : read(file)) {
                    String name = row.type() + " " + abbreviate(row.input()) + " @" + row.line();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(row)));
                }
                files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
            }
        }
        assertTrue(!files.isEmpty(), "no golden files");
        return files.stream();
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            rows.add(new Row(file.getFileName().toString(), i + 1, c[0], unescape(c[1]), unescape(c[2]),
                    c[3].equals("ok"), unescape(c[4]), unescape(c[5])));
        }
        return rows;
    }

    static void check(Row row) {
        PgType type = TYPES.byName(row.type()).orElseThrow(() -> new AssertionError("unknown type " + row.type()));
        Codec codec = TYPES.codec(type);
        CodecContext ctx = context(row.settings());
        if (!row.ok()) {
            PgException e = assertThrows(PgException.class, () -> decodeText(codec, row.input(), ctx),
                    () -> "PostgreSQL rejects " + row.input() + " with " + row.text());
            assertEquals(row.text() + ": " + row.binaryOrMessage(), e.sqlState() + ": " + e.getMessage());
            return;
        }
        Object fromText = decodeText(codec, row.input(), ctx);
        assertEquals(row.text(), encodeText(codec, fromText, ctx), "text input → text output");
        assertEquals(row.binaryOrMessage(), encodeBinary(codec, fromText, ctx), "text input → binary output");
        Object fromBinary = decodeBinary(codec, row.binaryOrMessage(), ctx);
        assertEquals(row.binaryOrMessage(), encodeBinary(codec, fromBinary, ctx), "binary input → binary output");
        assertEquals(row.text(), encodeText(codec, fromBinary, ctx), "binary input → text output");
        Object fromOutput = decodeText(codec, row.text(), ctx);
        assertEquals(row.text(), encodeText(codec, fromOutput, ctx), "text output reads back");
    }

    static CodecContext context(String settings) {
        Map<String, String> s = new HashMap<>();
        for (String kv : settings.split(";")) {
            int eq = kv.indexOf('=');
            s.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return CodecContext.of(s.get("TimeZone"), s.get("DateStyle"), s.get("IntervalStyle"),
                s.get("extra_float_digits"), s.get("bytea_output"));
    }

    static Object decodeText(Codec codec, String text, CodecContext ctx) {
        return withBuffer(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), b -> codec.decodeText(b, ctx));
    }

    static Object decodeBinary(Codec codec, String hex, CodecContext ctx) {
        return withBuffer(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)), b -> codec.decodeBinary(b, ctx));
    }

    static String encodeText(Codec codec, Object value, CodecContext ctx) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encodeText(value, out, ctx);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    static String encodeBinary(Codec codec, Object value, CodecContext ctx) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encodeBinary(value, out, ctx);
            return ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private static Object withBuffer(ByteBuf in, Function<ByteBuf, Object> f) {
        try {
            Object v = f.apply(in);
            assertEquals(0, in.readableBytes(), "decoder left bytes unread");
            return v;
        } finally {
            in.release();
        }
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\t", "\\t");
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }
}
