package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

import java.util.List;

/**
 * PostgreSQL 17's direct TLS ({@code sslnegotiation=direct}): a client may open with a TLS ClientHello instead of
 * an SSLRequest. The first byte tells: 0x16 is a TLS handshake record, never the first byte of a startup packet
 * (whose length would then exceed the limit). This handler looks at it once, puts TLS in front when it sees a
 * handshake, and leaves the pipeline.
 */
public final class DirectSslDetector extends ByteToMessageDecoder {
    /** The ALPN protocol a direct TLS client must negotiate. */
    public static final String ALPN_PROTOCOL = "postgresql";

    private static final AttributeKey<Boolean> DIRECT = AttributeKey.valueOf("pgserve.directTls");
    private static final byte TLS_HANDSHAKE = 0x16;

    private final ServerRuntime runtime;

    public DirectSslDetector(ServerRuntime runtime) {
        this.runtime = runtime;
    }

    static boolean isDirect(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(DIRECT).get());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        SslContext ssl = runtime.sslContext();
        if (in.getByte(in.readerIndex()) == TLS_HANDSHAKE && ssl != null) {
            ctx.channel().attr(DIRECT).set(true);
            ctx.pipeline().addAfter(ctx.name(), "tls", new SslHandler(ssl.newEngine(ctx.alloc())));
        }
        // Removal passes the bytes read so far on to the next handler (TLS, or the frame decoder).
        ctx.pipeline().remove(this);
    }
}
