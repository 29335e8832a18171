package io.pgserve.sql.ast;

import java.util.Objects;

/**
 * A name as PostgreSQL reads it: an unquoted name is folded to lower case (ASCII letters only), a quoted one is
 * kept as written (with {@code ""} undoubled and U&amp; escapes decoded).
 *
 * @param value  the name
 * @param quoted whether it was written in double quotes
 */
public record Identifier(String value, boolean quoted) {
    public Identifier {
        Objects.requireNonNull(value, "value");
    }

    /** An unquoted name (the value is used as given, it is not folded). */
    public static Identifier of(String value) {
        return new Identifier(value, false);
    }

    /** A quoted name. */
    public static Identifier quoted(String value) {
        return new Identifier(value, true);
    }

    @Override
    public String toString() {
        return quoted ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
