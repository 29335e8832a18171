package io.pgserve.testing.internal;

import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlParseException;
import io.pgserve.sql.SqlParser;
import io.pgserve.sql.SqlPrinter;
import io.pgserve.sql.SqlToken;
import io.pgserve.sql.ast.OtherStatement;
import io.pgserve.sql.ast.Statement;

import java.util.List;

/**
 * One spelling per statement, so that stubs match whatever the whitespace, comments and keyword case: statements
 * the grammar covers are parsed and printed ({@link SqlPrinter}); others are reduced to their tokens; text that
 * does not even lex is trimmed and its whitespace collapsed.
 */
public final class SqlNormalizer {
    private SqlNormalizer() {
    }

    /** The normalized text of one statement. */
    public static String normalize(String sql) {
        Statement st = parse(sql);
        if (st != null && !(st instanceof OtherStatement)) {
            try {
                return SqlPrinter.print(st);
            } catch (RuntimeException e) {
                // a node the printer does not cover: fall back to tokens
            }
        }
        return tokens(sql);
    }

    /** The statement's tree, or null when it does not parse. */
    public static Statement parse(String sql) {
        try {
            return SqlParser.cached().parse(sql);
        } catch (SqlParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String tokens(String sql) {
        List<SqlToken> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SqlParseException e) {
            return sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "");
        }
        StringBuilder out = new StringBuilder(sql.length());
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.is(";") && i == tokens.size() - 1) {
                break;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            switch (t.type()) {
                case WORD -> out.append(t.text().toUpperCase(java.util.Locale.ROOT));
                case QUOTED_IDENTIFIER -> out.append('"').append(t.text().replace("\"", "\"\"")).append('"');
                case STRING -> out.append('\'').append(t.text().replace("'", "''")).append('\'');
                default -> out.append(t.text());
            }
        }
        return out.toString();
    }

    /**
     * Levenshtein distance between two texts (each cut to its first 2,000 characters), for ranking near misses.
     */
    public static int distance(String a, String b) {
        a = a.length() > 2000 ? a.substring(0, 2000) : a;
        b = b.length() > 2000 ? b.substring(0, 2000) : b;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** 0 for equal texts, up to 1 for texts with nothing in common. */
    public static double dissimilarity(String a, String b) {
        int max = Math.max(Math.min(a.length(), 2000), Math.min(b.length(), 2000));
        return max == 0 ? 0 : (double) distance(a, b) / max;
    }
}
