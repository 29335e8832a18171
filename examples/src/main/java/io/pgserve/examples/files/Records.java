package io.pgserve.examples.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file's records, read one at a time (CSV rows under a header, or JSON objects one per line). Errors are
 * PostgreSQL errors naming the file and line.
 */
interface Records extends Closeable {
    /** The column names the file's header gives, or null when every record names its own fields (JSON lines). */
    List<String> header();

    /** Reads the next record; false at the end of the file. */
    boolean next();

    /** The line the current record starts on (1 is the file's first line). */
    long line();

    /** The current record's number of fields. */
    int size();

    /** The name of the current record's field {@code i} (only for files without a header). */
    String name(int i);

    /** The text of the current record's field {@code i}, or null for SQL NULL. */
    String text(int i);

    /** Where the text of field {@code i} comes from. */
    ColumnKind.Origin origin(int i);

    @Override
    void close();

    /** A file format: opens a file's records. {@code label} names the file in errors. */
    interface Format {
        Records open(Path file, String label) throws IOException;
    }
}
