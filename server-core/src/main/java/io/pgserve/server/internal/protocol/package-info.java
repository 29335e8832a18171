/**
 * The PostgreSQL v3 wire format: framing, frontend messages (decoded) and backend messages (encoded).
 *
 * <h2>ByteBuf ownership</h2>
 * One rule everywhere: <b>whoever reads a frame last releases it</b>. {@link
 * io.pgserve.server.internal.protocol.PgFrameDecoder} hands each frontend message body to its record's
 * {@code decode(ByteBuf)}, which copies the small values (strings, parameter values) into Java objects; the decoder
 * then releases the frame. Only bulk payloads ({@code CopyData}) keep a retained slice, and such messages are
 * {@link io.netty.util.ReferenceCounted}: the session releases them after use. Backend messages encode into a buffer
 * allocated by the outbound writer ({@code ctx.alloc().ioBuffer()}), which passes it to Netty (which releases it).
 */
package io.pgserve.server.internal.protocol;
