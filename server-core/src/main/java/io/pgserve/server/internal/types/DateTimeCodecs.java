package io.pgserve.server.internal.types;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

/** Codecs of the date/time types: date, time, timetz, timestamp, timestamptz, interval. */
public final class DateTimeCodecs {
    private DateTimeCodecs() {
    }

    public static void registerAll(TypeRegistry registry) {
        registry.register(PgType.DATE, new DateCodec());
        registry.register(PgType.TIME, new TimeCodecs.TimeCodec());
        registry.register(PgType.TIMETZ, new TimeCodecs.TimeTzCodec());
        registry.register(PgType.TIMESTAMP, new TimestampCodecs.TimestampCodec());
        registry.register(PgType.TIMESTAMPTZ, new TimestampCodecs.TimestamptzCodec());
        registry.register(PgType.INTERVAL, new IntervalCodec());
    }
}
