package io.pgserve.examples.files;

import io.pgserve.server.PgException;

/**
 * A record that cannot be read as a row (too many or too few fields, a value not of its column's type, a line that
 * is not a JSON object), but after which the file can be read on: {@link FileTable} skips it when configured to, and
 * otherwise reports {@link #error()}.
 */
final class MalformedRecord extends RuntimeException {
    private final PgException error;

    MalformedRecord(PgException error) {
        super(error.getMessage(), null, false, false);
        this.error = error;
    }

    PgException error() {
        return error;
    }
}
