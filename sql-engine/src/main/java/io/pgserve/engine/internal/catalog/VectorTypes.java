package io.pgserve.engine.internal.catalog;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's int2vector and oidvector, the types of pg_index.indkey, indoption, indclass, pg_proc.proargtypes...:
 * one-dimensional arrays whose subscripts start at 0 ({@code i.indkey[0]} is the first key column, as psqlODBC and
 * SQLAlchemy read it) and whose text form is the elements separated by spaces ({@code 1 2}). Their values are
 * {@link PgArray}s with lower bound 0; their binary form is the array's.
 */
public final class VectorTypes {
    public static final PgType INT2VECTOR = new PgType(22, "int2vector", -1, 'A', 0, 21);
    public static final PgType OIDVECTOR = new PgType(30, "oidvector", -1, 'A', 0, 26);

    private VectorTypes() {
    }

    /** The type of this name (int2vector, oidvector), or null. */
    static PgType byName(String name) {
        return name.equals(INT2VECTOR.name()) ? INT2VECTOR : name.equals(OIDVECTOR.name()) ? OIDVECTOR : null;
    }

    /** Adds both to a registry that lacks them (called with {@link RegTypes#registerIn}). */
    static void registerIn(TypeRegistry types) {
        for (PgType t : List.of(INT2VECTOR, OIDVECTOR)) {
            PgType element = types.byOid(t.elementOid());
            if (element != null && types.byOid(t.oid()) == null) {
                types.register(t, new VectorCodec(t, types.codec(types.arrayOf(element))));
            }
        }
    }

    /** A vector of these elements: the array with lower bound 0. */
    static PgArray of(PgArray elements) {
        return elements.dimensions().isEmpty() ? elements : elements.withLowerBounds(0);
    }

    /** Text: the elements separated by spaces; binary: the array's, lower bound 0. */
    private static final class VectorCodec implements Codec {
        private final PgType type;
        private final Codec array;

        VectorCodec(PgType type, Codec array) {
            this.type = type;
            this.array = array;
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            PgArray a = (PgArray) value;
            StringBuilder sb = new StringBuilder();
            for (Object e : a.elements()) {
                sb.append(sb.length() == 0 ? "" : " ").append(e);
            }
            out.writeCharSequence(sb, StandardCharsets.UTF_8);
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            array.encodeBinary(of((PgArray) value), out, ctx);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String s = in.toString(StandardCharsets.UTF_8).trim();
            in.skipBytes(in.readableBytes());
            List<Object> elements = new ArrayList<>();
            for (String part : s.isEmpty() ? new String[0] : s.split("\\s+")) {
                elements.add(type.elementOid() == 21 ? (Object) Short.valueOf(part) : (Object) Long.valueOf(part));
            }
            return of(PgArray.of(type.elementOid(), elements));
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return of((PgArray) array.decodeBinary(in, ctx));
        }
    }
}
