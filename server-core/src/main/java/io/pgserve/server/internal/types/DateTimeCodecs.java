package io.pgserve.server.internal.types;

import io.pgserve.server.types.TypeRegistry;

/** Codecs of the date/time types: date, time, timetz, timestamp, timestamptz, interval. */
public final class DateTimeCodecs {
    private DateTimeCodecs() {
    }

    public static void registerAll(TypeRegistry registry) {
        // filled in with the codecs
    }
}
