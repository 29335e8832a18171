package io.pgserve.sql.ast;

/**
 * Where a node starts in the SQL text it was parsed from. Locations never take part in equality: every
 * {@code NodeLocation} equals every other one (and has the same hash code), so that the records holding one
 * compare by content alone.
 *
 * @param offset 0-based character (code point) index in the text given to the parser, or -1 when unknown
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column (in characters) in that line, or 0 when unknown
 */
public record NodeLocation(int offset, int line, int column) {
    /** The location of a node that was not parsed from text. */
    public static final NodeLocation UNKNOWN = new NodeLocation(-1, 0, 0);

    /** The 1-based position PostgreSQL reports in error messages, or 0 when unknown. */
    public int position() {
        return offset + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeLocation;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return offset < 0 ? "?" : line + ":" + column;
    }
}
