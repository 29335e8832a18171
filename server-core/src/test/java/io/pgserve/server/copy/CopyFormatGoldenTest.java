package io.pgserve.server.copy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The COPY format layer against PostgreSQL 15's own answers (src/test/resources/copy, made by
 * src/test/golden/make-copy-goldens.py): statement parsing and its errors, COPY TO output byte for byte and message
 * for message, COPY FROM rows (as the table's contents afterwards) and errors with their context, for every input
 * fed whole and split into 1-byte and 3-byte chunks.
 */
class CopyFormatGoldenTest {
    static final TypeRegistry TYPES = TypeRegistry.builtin();
    static final CodecContext CTX = CodecContext.DEFAULT;
    static final Map<String, List<Column>> SCHEMA = schema();

    static List<String[]> read(String name) {
        try (InputStream in = CopyFormatGoldenTest.class.getResourceAsStream("/copy/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
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

    static Map<String, List<Column>> schema() {
        Map<String, List<Column>> m = new LinkedHashMap<>();
        for (String[] r : read("schema.tsv")) {
            m.computeIfAbsent(r[0], k -> new ArrayList<>())
                    .add(Column.of(r[1], TYPES.byName(r[2]).orElseThrow()));
        }
        return m;
    }

    static List<Column> project(List<Column> all, List<String> names) {
        if (names.isEmpty()) {
            return all;
        }
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            out.add(all.stream().filter(c -> c.name().equals(n)).findFirst().orElseThrow());
        }
        return out;
    }

    static void assertError(String[] expected, int from, PgException e) {
        assertEquals(expected[from], e.sqlState(), () -> "SQLSTATE of " + e.getMessage());
        assertEquals(unescape(expected[from + 1]), e.getMessage());
        String position = expected[from + 2];
        assertEquals(position.isEmpty() ? 0 : Integer.parseInt(position), e.position(), "position");
        String where = unescape(expected[from + 3]);
        assertEquals(where.isEmpty() ? null : where, e.where(), "context");
        String hint = unescape(expected[from + 4]);
        assertEquals(hint.isEmpty() ? null : hint, e.hint(), "hint");
    }

    @TestFactory
    Stream<DynamicTest> commands() {
        return read("commands.tsv").stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            String sql = unescape(r[0]);
            // Errors PostgreSQL raises only once it has data or a table (22P04 from the empty input, 55000 FREEZE)
            // mean the statement itself was accepted.
            boolean accepted = r[1].equals("ok") || r[2].equals("22P04") || r[2].equals("55000");
            if (accepted) {
                CopyCommand cmd = CopyCommand.parse(sql);
                if (r[1].equals("ok")) {
                    assertEquals(r[2].startsWith("in:"), cmd.isFrom());
                    assertEquals(r[2].endsWith("binary"), cmd.options().isBinary());
                }
            } else {
                assertError(r, 2, assertThrows(PgException.class, () -> CopyCommand.parse(sql)));
            }
        }));
    }

    /** The rows of "tricky" as Java values, from PostgreSQL's binary COPY. */
    static List<List<Object>> trickyRows() {
        String[] binary = read("to.tsv").stream().filter(r -> r[0].equals("binary")).findFirst().orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        CopyDecoder d = CopyDecoder.typed(CopyOptions.binary(), "tricky", SCHEMA.get("tricky"), TYPES, CTX,
                rows::add);
        for (String part : binary[4].split(",")) {
            d.feed(ByteBufUtil.decodeHexDump(part));
        }
        d.finish();
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> copyTo() {
        List<List<Object>> tricky = trickyRows();
        return read("to.tsv").stream().map(r -> DynamicTest.dynamicTest(r[0], () -> {
            CopyCommand cmd = CopyCommand.parse(unescape(r[1]));
            List<String> names = cmd.query() != null ? Arrays.asList(r[2].split(",")) : cmd.columns();
            List<Column> all = SCHEMA.get("tricky");
            List<Column> cols = project(all, names);
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : tricky) {
                List<Object> p = new ArrayList<>();
                for (Column c : cols) {
                    p.add(row.get(all.indexOf(c)));
                }
                rows.add(p);
            }
            List<String> messages = encode(cmd.options(), cols, rows);
            assertEquals(Arrays.asList(r[4].split(",")), messages);

            // And PostgreSQL's output read back with the same options gives the same values.
            CopyOptions in = cmd.options().withForceQuote(List.of());
            List<List<Object>> back = new ArrayList<>();
            CopyDecoder d = CopyDecoder.typed(in, "tricky", cols, TYPES, CTX, back::add);
            for (String part : r[4].split(",")) {
                d.feed(ByteBufUtil.decodeHexDump(part));
            }
            d.finish();
            assertEquals(messages, encode(cmd.options(), cols, back));
        }));
    }

    /** Encodes as PostgreSQL sends it: one CopyData per row, the text header alone, the binary one with row 1. */
    static List<String> encode(CopyOptions options, List<Column> cols, List<List<Object>> rows) {
        CopyEncoder enc = new CopyEncoder(options, cols, TYPES, CTX);
        List<String> messages = new ArrayList<>();
        ByteBuf out = Unpooled.buffer();
        enc.writeHeader(out);
        if (!options.isBinary() && out.isReadable()) {
            messages.add(ByteBufUtil.hexDump(out));
            out.clear();
        }
        for (List<Object> row : rows) {
            enc.writeRow(row, out);
            messages.add(ByteBufUtil.hexDump(out));
            out.clear();
        }
        enc.writeTrailer(out);
        if (out.isReadable()) {
            messages.add(ByteBufUtil.hexDump(out));
        }
        out.release();
        return messages;
    }

    @TestFactory
    Stream<DynamicTest> copyFrom() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] r : read("from.tsv")) {
            for (int chunk : new int[] {0, 1, 3}) {
                tests.add(DynamicTest.dynamicTest(r[0] + (chunk == 0 ? "" : " in " + chunk + "-byte chunks"),
                        () -> checkFrom(r, chunk)));
            }
        }
        return tests.stream();
    }

    static void checkFrom(String[] r, int chunk) {
        CopyCommand cmd = CopyCommand.parse(unescape(r[1]));
        List<Column> all = SCHEMA.get(cmd.table());
        List<Column> cols = project(all, cmd.columns());
        byte[] input = ByteBufUtil.decodeHexDump(r[2]);
        List<List<Object>> rows = new ArrayList<>();
        long[] count = {0};
        Runnable run = () -> {
            CopyDecoder d = CopyDecoder.typed(cmd.options(), cmd.table(), cols, TYPES, CTX, values -> {
                List<Object> full = new ArrayList<>();
                for (Column c : all) {
                    int i = cols.indexOf(c);
                    full.add(i < 0 ? null : values.get(i));
                }
                rows.add(full);
            });
            if (chunk == 0) {
                d.feed(Unpooled.wrappedBuffer(input));
            } else {
                for (int i = 0; i < input.length; i += chunk) {
                    d.feed(input, i, Math.min(chunk, input.length - i));
                }
            }
            d.finish();
            count[0] = d.rowCount();
        };
        if (r[3].equals("ok")) {
            run.run();
            assertEquals(r[4], "COPY " + count[0]);
            List<String> table = encode(CopyOptions.text(), all, rows);
            assertEquals(r[5], String.join("", table));
        } else {
            PgException e = assertThrows(PgException.class, run::run);
            assertError(r, 4, e);
        }
    }
}
