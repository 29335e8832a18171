package io.pgserve.engine.internal;

import io.pgserve.server.PgException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's regular expressions (ARE, src/backend/regex) on java.util.regex: a translation of the syntax that
 * differs — {@code [[:alpha:]]} classes, {@code \m \M \y \Y} word boundaries, {@code \Z}, {@code $} only at the
 * very end, {@code .} matching newlines — plus SIMILAR TO patterns and the {@code \1 \&} replacement syntax.
 * Compiled patterns are cached.
 */
final class Regex {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private Regex() {
    }

    /** A compiled ARE; 2201B on a bad pattern. */
    static Pattern compile(String are, boolean caseInsensitive) {
        return compile(are, caseInsensitive ? "i" : "");
    }

    /**
     * A compiled ARE with regexp_* flags: i (case-insensitive), c (case-sensitive), n or m (newline-sensitive),
     * s, x (expanded), g (the caller's business); 22023 for another flag.
     */
    static Pattern compile(String are, String flags) {
        String key = flags + '/' + are;
        Pattern p = CACHE.get(key);
        if (p != null) {
            return p;
        }
        boolean ci = false;
        boolean newline = false;
        boolean expanded = false;
        for (char f : flags.toCharArray()) {
            switch (f) {
                case 'i' -> ci = true;
                case 'c' -> ci = false;
                case 'n', 'm' -> newline = true;
                case 's' -> newline = false;
                case 'x' -> expanded = true;
                case 'g', 't' -> {
                }
                default -> throw new PgException("22023", "invalid regular expression option: \"" + f + "\"");
            }
        }
        int javaFlags = (ci ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (newline ? Pattern.MULTILINE : Pattern.DOTALL) | (expanded ? Pattern.COMMENTS : 0);
        try {
            p = Pattern.compile(translate(are, newline), javaFlags);
        } catch (PatternSyntaxException e) {
            throw new PgException("2201B", "invalid regular expression: " + describe(e));
        }
        if (CACHE.size() > 1000) {
            CACHE.clear();
        }
        CACHE.put(key, p);
        return p;
    }

    /** PostgreSQL's wording for the common syntax errors. */
    private static String describe(PatternSyntaxException e) {
        String d = e.getDescription();
        if (d.startsWith("Unclosed group") || d.startsWith("Unmatched closing ')'")) {
            return "parentheses () not balanced";
        }
        if (d.startsWith("Unclosed character class")) {
            return "brackets [] not balanced";
        }
        if (d.startsWith("Dangling meta character")) {
            return "quantifier operand invalid";
        }
        if (d.startsWith("Unclosed counted closure") || d.startsWith("Illegal repetition")) {
            return "braces {} not balanced";
        }
        if (d.startsWith("Illegal character range")) {
            return "invalid character range";
        }
        return "invalid escape \\ sequence".equals(d) ? d : d.toLowerCase(java.util.Locale.ROOT);
    }

    private static String translate(String re, boolean newlineSensitive) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        int n = re.length();
        boolean inBracket = false;
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            if (inBracket) {
                if (c == '[' && i + 1 < n && re.charAt(i + 1) == ':') {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        out.append(posixClass(re.substring(i + 2, end)));
                        i = end + 1;
                        continue;
                    }
                }
                if (c == '[') {
                    out.append("\\[");
                    continue;
                }
                if (c == '&' || c == '~') {
                    out.append('\\').append(c);
                    continue;
                }
                if (c == '\\' && i + 1 < n) {
                    out.append(c).append(re.charAt(++i));
                    continue;
                }
                if (c == ']') {
                    inBracket = false;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw new PgException("2201B", "invalid regular expression: invalid escape \\ sequence");
                    }
                    char e = re.charAt(++i);
                    switch (e) {
                        case 'm' -> out.append("\\b(?=\\w)");
                        case 'M' -> out.append("\\b(?<=\\w)");
                        case 'y' -> out.append("\\b");
                        case 'Y' -> out.append("\\B");
                        case 'Z' -> out.append("\\z");
                        default -> out.append('\\').append(e);
                    }
                }
                case '[' -> {
                    inBracket = true;
                    out.append('[');
                    if (i + 1 < n && re.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < n && re.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                case '$' -> out.append(newlineSensitive ? "$" : "(?![\\s\\S])");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\d";
            case "alnum" -> "\\p{Alnum}";
            case "upper" -> "\\p{Upper}";
            case "lower" -> "\\p{Lower}";
            case "space" -> "\\s";
            case "punct" -> "\\p{Punct}";
            case "xdigit" -> "\\p{XDigit}";
            case "word" -> "\\w";
            case "blank" -> " \\t";
            case "cntrl" -> "\\p{Cntrl}";
            case "print" -> "\\p{Print}";
            case "graph" -> "\\p{Graph}";
            default -> throw new PgException("2201B", "invalid regular expression: invalid character class");
        };
    }

    /** A regexp_replace replacement ({@code \1}..{@code \9}, {@code \&} the whole match) as Java's. */
    static String replacement(String pg) {
        StringBuilder out = new StringBuilder(pg.length());
        for (int i = 0; i < pg.length(); i++) {
            char c = pg.charAt(i);
            if (c == '\\' && i + 1 < pg.length()) {
                char d = pg.charAt(++i);
                if (d >= '1' && d <= '9') {
                    out.append('$').append(d);
                } else if (d == '&') {
                    out.append("$0");
                } else if (d == '\\') {
                    out.append("\\\\");
                } else {
                    out.append("\\\\").append(d == '$' ? "\\$" : String.valueOf(d));
                }
            } else if (c == '$') {
                out.append("\\$");
            } else if (c == '\\') {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A SIMILAR TO pattern as a regular expression matching the whole string (similar_to_escape): {@code %} and
     * {@code _} are LIKE's, {@code |*+?{}()[]} are regular-expression syntax, {@code .} is literal.
     */
    static String similarToRegex(String pattern, String escape) {
        if (escape != null && escape.length() > 1) {
            throw new PgException("2200C", "invalid escape string");
        }
        char esc = escape == null ? '\\' : escape.isEmpty() ? 0 : escape.charAt(0);
        StringBuilder out = new StringBuilder("^(?:");
        boolean inBracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (esc != 0 && c == esc) {
                if (++i >= pattern.length()) {
                    throw new PgException("2201B", "invalid regular expression: invalid escape \\ sequence");
                }
                char e = pattern.charAt(i);
                out.append(Character.isLetterOrDigit(e) ? "\\" + e : Pattern.quote(String.valueOf(e)));
            } else if (inBracket) {
                if (c == ']') {
                    inBracket = false;
                }
                out.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else if (c == '[') {
                inBracket = true;
                out.append(c);
            } else if (c == '%') {
                out.append(".*");
            } else if (c == '_') {
                out.append('.');
            } else if (c == '.' || c == '^' || c == '$' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.append(")$").toString();
    }
}
