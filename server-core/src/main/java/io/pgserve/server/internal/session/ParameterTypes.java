package io.pgserve.server.internal.session;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.SqlToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter types a statement's text implies, for parameters whose type Parse left unspecified: an explicit cast
 * ({@code $1::date}, {@code CAST($1 AS date)}) gives that type, {@code LIMIT $1} / {@code OFFSET $1} /
 * {@code FETCH FIRST $1} give int8 as in PostgreSQL. Read from the statement's tokens once, at Parse.
 */
final class ParameterTypes {
    private ParameterTypes() {
    }

    /** The number of parameters: the highest {@code $n} used. */
    static int count(List<SqlToken> tokens) {
        int max = 0;
        for (SqlToken t : tokens) {
            if (t.type() == SqlToken.Type.PARAMETER) {
                max = Math.max(max, number(t));
            }
        }
        return max;
    }

    private static int number(SqlToken t) {
        try {
            return Integer.parseInt(t.text().substring(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The OID alias types (regproc, regprocedure, regclass, regtype, regnamespace, regrole...). */
    private static final java.util.Set<Integer> OID_ALIASES = java.util.Set.of(24, 2202, 2203, 2204, 2205, 2206,
            3734, 3769, 4089, 4096, 4191);

    /** Inferred types, one per parameter up to {@code count}; null where the text says nothing. */
    static PgType[] infer(List<SqlToken> tokens, int count, TypeRegistry types) {
        PgType[] inferred = new PgType[count];
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.type() != SqlToken.Type.PARAMETER) {
                continue;
            }
            int n = number(t);
            if (n < 1 || n > count || inferred[n - 1] != null) {
                continue;
            }
            PgType type = null;
            if (i + 1 < tokens.size() && tokens.get(i + 1).is("::")) {
                type = typeName(tokens, i + 2, types);
            } else if (i >= 2 && tokens.get(i - 1).is("(") && tokens.get(i - 2).isWord("cast")
                    && i + 1 < tokens.size() && tokens.get(i + 1).isWord("as")) {
                type = typeName(tokens, i + 2, types);
            } else if (i >= 1 && (tokens.get(i - 1).isWord("limit") || tokens.get(i - 1).isWord("offset"))) {
                type = PgType.INT8;
            } else if (i >= 2 && tokens.get(i - 1).isWord("first") && tokens.get(i - 2).isWord("fetch")
                    || i >= 2 && tokens.get(i - 1).isWord("next") && tokens.get(i - 2).isWord("fetch")) {
                type = PgType.INT8;
            }
            if (type != null && OID_ALIASES.contains(type.oid())) {
                type = null; // $1::regtype: 'mood' is a name the handler's catalog looks up, not an oid's digits
            }
            inferred[n - 1] = type;
        }
        return inferred;
    }

    /** The longest type name starting at {@code from}: one to four words, a modifier, and {@code []}s. */
    private static PgType typeName(List<SqlToken> tokens, int from, TypeRegistry types) {
        int start = from;
        if (start + 1 < tokens.size() && tokens.get(start).isWord("pg_catalog") && tokens.get(start + 1).is(".")) {
            start += 2;
        }
        List<String> words = new ArrayList<>();
        for (int i = start; i < tokens.size() && words.size() < 4; i++) {
            SqlToken w = tokens.get(i);
            if (w.type() == SqlToken.Type.WORD) {
                words.add(w.text());
            } else if (w.type() == SqlToken.Type.QUOTED_IDENTIFIER) {
                words.add("\"" + w.text() + "\"");
            } else {
                break;
            }
        }
        for (int n = words.size(); n >= 1; n--) {
            int j = start + n;
            if (j < tokens.size() && tokens.get(j).is("(")) {
                while (j < tokens.size() && !tokens.get(j).is(")")) {
                    j++;
                }
                j++;
            }
            StringBuilder dims = new StringBuilder();
            while (j + 1 < tokens.size() && tokens.get(j).is("[") && tokens.get(j + 1).is("]")) {
                dims.append("[]");
                j += 2;
            }
            PgType type = types.byName(String.join(" ", words.subList(0, n)) + dims).orElse(null);
            if (type != null) {
                return type;
            }
        }
        return null;
    }

    /** The final types: given OIDs where non-zero, then the handler's, then inferred, then text. */
    static List<PgType> resolve(PgType[] given, PgType[] fromHandler, PgType[] inferred) {
        int n = Math.max(given.length, Math.max(fromHandler.length, inferred.length));
        List<PgType> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PgType t = i < given.length ? given[i] : null;
            if (t == null && i < fromHandler.length) {
                t = fromHandler[i];
            }
            if (t == null && i < inferred.length) {
                t = inferred[i];
            }
            out.add(t == null ? PgType.TEXT : t);
        }
        return out;
    }

    static PgType[] none() {
        return new PgType[0];
    }
}
