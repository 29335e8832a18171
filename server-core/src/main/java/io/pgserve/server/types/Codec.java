package io.pgserve.server.types;

import io.netty.buffer.ByteBuf;

/**
 * Converts one PostgreSQL type between Java values and its text and binary wire formats, byte for byte as
 * PostgreSQL 15 writes and reads them. Codecs are stateless and thread-safe; session settings come in the
 * {@link CodecContext}.
 *
 * <p>Encoding accepts the Java types listed for the type in the mapping table (README, "Types"), and is lenient where
 * that is unambiguous (an int4 column accepts any {@link Number} in range, or a String in PostgreSQL's syntax).
 * Decoding returns the type's canonical Java type. Errors are {@link io.pgserve.server.PgException}s with
 * PostgreSQL's SQLSTATE and message: {@code 22P02 invalid input syntax for type integer: "x"}, {@code 22003} out of
 * range, {@code 22P03 incorrect binary data format}, {@code 22007}/{@code 22008} for dates and times.
 *
 * <p>{@code ByteBuf} discipline: {@code encode*} append to {@code out}; {@code decode*} read all the readable bytes
 * of {@code in}, which are exactly one value (the caller owns and releases the buffer).
 */
public interface Codec {
    /** Appends the text form of {@code value} (never null). */
    void encodeText(Object value, ByteBuf out, CodecContext ctx);

    /** Appends the binary form of {@code value} (never null). Only called when {@link #supportsBinary()}. */
    void encodeBinary(Object value, ByteBuf out, CodecContext ctx);

    /** Reads a value from its text form. */
    Object decodeText(ByteBuf in, CodecContext ctx);

    /** Reads a value from its binary form. Only called when {@link #supportsBinary()}. */
    Object decodeBinary(ByteBuf in, CodecContext ctx);

    /** Whether the binary format is implemented (when not, clients asking for binary results get text). */
    default boolean supportsBinary() {
        return true;
    }
}
