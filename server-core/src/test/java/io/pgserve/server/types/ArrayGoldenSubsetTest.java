package io.pgserve.server.types;

import io.pgserve.server.PgException;
import io.pgserve.server.internal.types.ArrayCodec;
import io.pgserve.server.internal.types.TestElementCodecs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The int4[] and text[] rows of the arrays golden file (PostgreSQL 15's answers) against ArrayCodec with the test
 * element codecs, so the array syntax, quoting, dimensions and binary layout are checked against PostgreSQL even
 * before the real element codecs are registered. {@link GoldenTypesTest} checks every row with the real codecs.
 */
class ArrayGoldenSubsetTest {
    private static final ArrayCodec INTS = new ArrayCodec(PgType.INT4, new TestElementCodecs.Int4());
    private static final ArrayCodec TEXTS = new ArrayCodec(PgType.TEXT, new TestElementCodecs.Text());

    @TestFactory
    Stream<DynamicTest> int4AndTextRows() throws IOException, URISyntaxException {
        Path file = Path.of(ArrayGoldenSubsetTest.class.getResource("/types/golden/arrays.tsv").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenTypesTest.Row row : GoldenTypesTest.read(file)) {
            Codec codec = switch (row.type()) {
                case "int4[]", "_int4", "integer[]" -> INTS;
                case "text[]", "_text" -> TEXTS;
                default -> null;
            };
            if (codec != null) {
                tests.add(DynamicTest.dynamicTest(row.type() + " " + row.input() + " @" + row.line(),
                        () -> check(codec, row)));
            }
        }
        assertTrue(tests.size() > 50, "int4[] and text[] rows: " + tests.size());
        return tests.stream();
    }

    /** As GoldenTypesTest.check, with the given codec. */
    private static void check(Codec codec, GoldenTypesTest.Row row) {
        CodecContext ctx = GoldenTypesTest.context(row.settings());
        if (!row.ok()) {
            PgException e = assertThrows(PgException.class, () -> GoldenTypesTest.decodeText(codec, row.input(), ctx));
            assertEquals(row.text() + ": " + row.binaryOrMessage(), e.sqlState() + ": " + e.getMessage());
            return;
        }
        Object fromText = GoldenTypesTest.decodeText(codec, row.input(), ctx);
        assertEquals(row.text(), GoldenTypesTest.encodeText(codec, fromText, ctx), "text input → text output");
        assertEquals(row.binaryOrMessage(), GoldenTypesTest.encodeBinary(codec, fromText, ctx),
                "text input → binary output");
        Object fromBinary = GoldenTypesTest.decodeBinary(codec, row.binaryOrMessage(), ctx);
        assertEquals(fromText, fromBinary, "binary input → same value");
        assertEquals(row.binaryOrMessage(), GoldenTypesTest.encodeBinary(codec, fromBinary, ctx));
        assertEquals(row.text(), GoldenTypesTest.encodeText(codec, fromBinary, ctx), "binary input → text output");
        Object fromOutput = GoldenTypesTest.decodeText(codec, row.text(), ctx);
        assertEquals(row.text(), GoldenTypesTest.encodeText(codec, fromOutput, ctx), "text output reads back");
    }
}
