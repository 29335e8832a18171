package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** An enum type: values are its labels (Strings); both formats are the label's UTF-8 bytes. */
public final class EnumCodec implements Codec {
    private final String typeName;
    private final List<String> labels;

    public EnumCodec(String typeName, List<String> labels) {
        this.typeName = typeName;
        this.labels = List.copyOf(labels);
    }

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        ByteBufUtil.writeUtf8(out, check(value.toString()));
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        encodeText(value, out, ctx);
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        // 22021 as a PgException, like every other codec (Wire's ProtocolException is the framing's).
        String label = ScalarCodec.readString(in);
        return check(label);
    }

    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        return decodeText(in, ctx);
    }

    private String check(String label) {
        if (!labels.contains(label)) {
            throw new PgException("22P02", "invalid input value for enum " + typeName + ": \"" + label + "\"");
        }
        return label;
    }

    @Override
    public String toString() {
        return "enum " + typeName + " " + labels + " (" + StandardCharsets.UTF_8 + ")";
    }
}
