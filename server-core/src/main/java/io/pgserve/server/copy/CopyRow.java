package io.pgserve.server.copy;

import java.util.Collections;
import java.util.List;

/**
 * One row of COPY FROM data as {@link CopyDecoder} splits it, before type conversion: the fields as strings (TEXT and
 * CSV, escapes and quotes already removed) or as raw bytes (BINARY), {@code null} for NULL, plus the line number
 * PostgreSQL would report for it (for BINARY, the tuple's number).
 */
public final class CopyRow {
    private final long lineNumber;
    private final List<String> text;
    private final List<byte[]> binary;
    /** The converted values, when the decoder converts. */
    Object[] values;

    CopyRow(long lineNumber, List<String> text, List<byte[]> binary) {
        this.lineNumber = lineNumber;
        this.text = text == null ? null : Collections.unmodifiableList(text);
        this.binary = binary == null ? null : Collections.unmodifiableList(binary);
    }

    /** The 1-based line (TEXT, CSV) or tuple (BINARY) number, as in PostgreSQL's error context. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Whether the fields are binary ({@link #binaryFields()}) rather than strings ({@link #textFields()}). */
    public boolean isBinary() {
        return binary != null;
    }

    /** The fields of a TEXT or CSV row ({@code null} elements are NULLs); null for a BINARY row. */
    public List<String> textFields() {
        return text;
    }

    /** The fields of a BINARY row ({@code null} elements are NULLs); null for a TEXT or CSV row. */
    public List<byte[]> binaryFields() {
        return binary;
    }

    /** The number of fields. */
    public int size() {
        return binary != null ? binary.size() : text.size();
    }

    /** Whether field {@code i} is NULL. */
    public boolean isNull(int i) {
        return binary != null ? binary.get(i) == null : text.get(i) == null;
    }

    @Override
    public String toString() {
        return "CopyRow[line " + lineNumber + ", " + (binary != null ? binary.size() + " binary fields" : text) + "]";
    }
}
