package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;

/**
 * Arrays of any element type, in PostgreSQL's text form ({@code {1,2,NULL}}, quoting, dimensions, lower bounds
 * {@code [0:1]={a,b}}) and binary form (ndim, has-null flag, element OID, dimensions and lower bounds, elements).
 */
public final class ArrayCodec implements Codec {
    private final PgType element;
    private final Codec elementCodec;

    public ArrayCodec(PgType element, Codec elementCodec) {
        this.element = element;
        this.elementCodec = elementCodec;
    }

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        throw new UnsupportedOperationException("array codec: being written");
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        throw new UnsupportedOperationException("array codec: being written");
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        throw new UnsupportedOperationException("array codec: being written");
    }

    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        throw new UnsupportedOperationException("array codec: being written");
    }
}
