package io.pgserve.engine.internal.catalog;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.types.ArrayCodec;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's vector types of the system catalogs, int2vector (pg_index.indkey, indoption) and oidvector
 * (pg_index.indclass, pg_proc.proargtypes), with PostgreSQL's OIDs. They are one-dimensional arrays whose subscripts
 * start at 0, and whose text form is the elements separated by spaces ({@code indkey::text} is {@code "1 2"}, which
 * SQLAlchemy splits); binary, they are arrays. Values are {@link PgArray}s with lower bound 0.
 */
public final class VectorTypes {
    public static final PgType INT2VECTOR = new PgType(22, "int2vector", -1, 'A', 1006, PgType.INT2.oid());
    public static final PgType OIDVECTOR = new PgType(30, "oidvector", -1, 'A', 1013, PgType.OID.oid());
    private static final List<PgType> ALL = List.of(INT2VECTOR, OIDVECTOR);

    private VectorTypes() {
    }

    /** Adds the vector types to a registry that lacks them. */
    static void registerIn(TypeRegistry types) {
        if (types.byOid(INT2VECTOR.oid()) != null || types.codec(PgType.INT2) == null) {
            return;
        }
        synchronized (types) {
            if (types.byOid(INT2VECTOR.oid()) == null) {
                for (PgType t : ALL) {
                    PgType element = types.byOid(t.elementOid());
                    types.register(t, new VectorCodec(element, types.codec(element)));
                }
            }
        }
    }

    /** The vector type of this name, or null. */
    static PgType byName(String name) {
        for (PgType t : ALL) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether a type is one of them. */
    public static boolean is(PgType t) {
        return t.oid() == INT2VECTOR.oid() || t.oid() == OIDVECTOR.oid();
    }

    /** A value of a vector type: the same elements, subscripts from 0. */
    static PgArray vector(PgArray a) {
        return a.dimensions().isEmpty() || a.lowerBounds().get(0) == 0 ? a : a.withLowerBounds(0);
    }

    private static final class VectorCodec implements Codec {
        private final PgType element;
        private final Codec elementCodec;
        private final ArrayCodec array;

        VectorCodec(PgType element, Codec elementCodec) {
            this.element = element;
            this.elementCodec = elementCodec;
            this.array = new ArrayCodec(element, elementCodec);
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            boolean first = true;
            for (Object e : ((PgArray) value).elements()) {
                if (!first) {
                    out.writeByte(' ');
                }
                first = false;
                elementCodec.encodeText(e, out, ctx);
            }
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            array.encodeBinary(vector((PgArray) value), out, ctx);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String text = in.toString(StandardCharsets.UTF_8);
            in.skipBytes(in.readableBytes());
            List<Object> out = new ArrayList<>();
            for (String part : text.trim().split("\\s+")) {
                if (part.isEmpty()) {
                    continue;
                }
                try {
                    out.add(element.oid() == PgType.INT2.oid() ? (Object) Short.parseShort(part)
                            : (Object) Long.parseLong(part));
                } catch (NumberFormatException e) {
                    throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                            + (element.oid() == PgType.INT2.oid() ? "smallint" : "oid") + ": \"" + part + "\"");
                }
            }
            return vector(PgArray.of(element, out));
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return vector((PgArray) array.decodeBinary(in, ctx));
        }
    }
}
