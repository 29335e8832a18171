package io.pgserve.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.internal.SqlShape;
import io.pgserve.sql.internal.TreeEquality;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property: for every statement of the client corpus (src/test/resources/corpus) and of sql-engine's query files,
 * variants with other literal values (longer and shorter numbers, strings with quotes, newlines, non-BMP
 * characters, other string forms) come out of a {@link SqlParserCache} that parsed the original exactly as a fresh
 * {@link SqlParser#parseAll} of the variant gives them: equal records and equal locations everywhere (or the same
 * error). Prints how many statements turned out templatable.
 */
class ShapeCacheCorpusTest {
    /** Files of sql-engine's tests, read in place: one query per entry separated by "-- #####" lines. */
    private static final List<String> ENGINE_ENTRY_FILES = List.of(
            "../sql-engine/src/test/resources/differential/queries.sql");
    /** One query per line, "--" lines are comments. */
    private static final List<String> ENGINE_LINE_FILES = List.of(
            "../sql-engine/src/test/resources/query-features/queries.sql",
            "../sql-engine/src/test/resources/functions/cases.sql");
    /** BI tools' catalog queries: blocks that start with a "-- name:" line. */
    private static final String TOOLS = "../sql-engine/src/test/resources/io/pgserve/engine/catalog/tools/";
    private static final List<String> TOOL_FILES = List.of("dbeaver", "grafana", "metabase", "npgsql", "powerbi",
            "tableau");

    private static final String[] INTEGERS = {"0", "123456789012345", "7", "1_000", "0x1F", "42", "99999999999999999999"};
    private static final String[] DECIMALS = {"3.14159", "1e10", ".5", "12345.678e-3", "0.0", "7."};
    private static final String[] STRINGS = {"'it''s'", "'line1\nline2\n'", "'\u00fcn\u00efc\u00f6d\u00e9 \ud83d\ude00'",
        "E'tab\\there\\n\\''", "$$dollar 'q'$$", "$t$x\ny$t$", "''", "'a'\n'b'", "'\ud83d\ude00\n\ud83d\ude00x'",
        "'2024-02-29'", "'1 day'"};
    private static final String[] UNICODE = {"U&'d\\0061t\\+000061'", "U&'x\ny'", "U&''"};
    private static final String[] BITS = {"B'1010101'", "B''", "B'1'"};
    private static final String[] HEX = {"X'DEADBEEF'", "X'0'", "X''"};
    private static final int VARIANTS = 6;

    static List<String> corpus() throws IOException {
        List<String> all = new ArrayList<>();
        for (String client : CorpusTest.CLIENTS) {
            all.addAll(CorpusTest.entries(client));
        }
        for (String file : ENGINE_ENTRY_FILES) {
            for (String entry : read(file).split("\n-- #####\n")) {
                if (!entry.isBlank()) {
                    all.add(entry.strip());
                }
            }
        }
        for (String file : ENGINE_LINE_FILES) {
            for (String line : read(file).split("\n")) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    all.add(line.strip());
                }
            }
        }
        for (String tool : TOOL_FILES) {
            String[] blocks = read(TOOLS + tool + ".sql").split("\n-- name:");
            for (int i = 1; i < blocks.length; i++) {
                List<String> lines = new ArrayList<>(List.of(blocks[i].split("\n")));
                lines.remove(0);
                while (!lines.isEmpty() && (lines.get(0).startsWith("--") || lines.get(0).isBlank())) {
                    lines.remove(0);
                }
                String query = String.join("\n", lines).strip();
                if (!query.isEmpty()) {
                    all.add(query);
                }
            }
        }
        return all;
    }

    private static String read(String file) throws IOException {
        Path p = Path.of(file);
        assertTrue(Files.exists(p), "missing " + p.toAbsolutePath());
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** {@code sql} with each literal replaced by one of the same kind, chosen by variant and position. */
    static String variant(SqlShape shape, int variant) {
        String sql = shape.text();
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int k = 0; k < shape.literalCount(); k++) {
            sb.append(sql, from, shape.literalStart(k));
            String[] choices = switch (shape.kind(k)) {
                case 'I' -> INTEGERS;
                case 'F' -> DECIMALS;
                case 'S' -> STRINGS;
                case 'U' -> UNICODE;
                case 'B' -> BITS;
                default -> HEX;
            };
            sb.append(choices[(variant * 5 + k * 3) % choices.length]);
            from = shape.literalEnd(k);
        }
        return sb.append(sql, from, sql.length()).toString();
    }

    @Test
    void variantsMatchAFreshParse() throws IOException {
        List<String> corpus = corpus();
        int parsed = 0;
        int withLiterals = 0;
        int templatable = 0;
        int noShape = 0;
        int compared = 0;
        List<String> failures = new ArrayList<>();
        List<String> notTemplatable = new ArrayList<>();
        for (String sql : corpus) {
            List<Statement> original;
            try {
                original = SqlParser.parseAll(sql);
            } catch (RuntimeException e) {
                continue;
            }
            parsed++;
            SqlShape shape = SqlShape.scan(sql);
            if (shape == null) {
                noShape++;
                continue;
            }
            if (shape.literalCount() == 0) {
                continue;
            }
            withLiterals++;
            SqlParserCache cache = SqlParserCache.create(16);
            String difference = TreeEquality.difference(original, cache.parseAll(sql));
            if (difference != null) {
                failures.add(sql + "\n  original: " + difference);
                continue;
            }
            for (int v = 0; v < VARIANTS; v++) {
                String text = variant(shape, v);
                List<Statement> expected;
                try {
                    expected = SqlParser.parseAll(text);
                } catch (RuntimeException e) {
                    try {
                        cache.parseAll(text);
                        failures.add(text + "\n  cache parsed what the parser rejects: " + e);
                    } catch (RuntimeException e2) {
                        if (!e2.getClass().equals(e.getClass()) || !String.valueOf(e2.getMessage()).equals(e.getMessage())
                                || (e instanceof SqlParseException p && p.position() != ((SqlParseException) e2).position())) {
                            failures.add(text + "\n  errors differ: " + e + " vs " + e2);
                        }
                    }
                    continue;
                }
                compared++;
                List<Statement> actual;
                try {
                    actual = cache.parseAll(text);
                } catch (RuntimeException e) {
                    failures.add(text + "\n  cache failed: " + e);
                    continue;
                }
                difference = TreeEquality.difference(expected, actual);
                if (difference != null) {
                    failures.add(text + "\n  " + difference);
                }
            }
            if (cache.shapeHits() > 0) {
                templatable++;
            } else {
                notTemplatable.add(sql);
            }
        }
        System.out.printf("shape cache corpus: %d texts, %d parsed, %d without a shape, %d with literals, "
                + "%d templatable (%.1f%%), %d variants compared, %d failures%n", corpus.size(), parsed, noShape,
                withLiterals, templatable, 100.0 * templatable / Math.max(1, withLiterals), compared, failures.size());
        for (String sql : notTemplatable.subList(0, Math.min(20, notTemplatable.size()))) {
            String line = sql.replace("\n", " ");
            System.out.println("not templatable: " + (line.length() > 160 ? line.substring(0, 160) + "..." : line));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " variants differ, first ones:\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
        assertTrue(parsed > 1200, "corpus too small: " + parsed);
        // Most statements with literals are templatable; a drop means literals stopped being recognised.
        assertTrue(templatable * 10 > withLiterals * 7, templatable + " of " + withLiterals + " templatable");
        assertEquals(0, failures.size());
    }
}
