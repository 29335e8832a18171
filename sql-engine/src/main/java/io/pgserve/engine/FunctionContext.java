package io.pgserve.engine;

import io.pgserve.server.SessionContext;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.TypeRegistry;

import java.time.OffsetDateTime;

/** What a function sees of the statement running it. */
public interface FunctionContext {
    /** The session, or null when the engine runs without one (tests). */
    SessionContext session();

    /** The start of the current transaction (now(), current_timestamp). */
    OffsetDateTime transactionStart();

    /** The first existing schema of the search_path. */
    String currentSchema();

    /** The session's settings for text conversions (DateStyle, TimeZone...). */
    CodecContext codecContext();

    TypeRegistry types();

    Catalog catalog();
}
