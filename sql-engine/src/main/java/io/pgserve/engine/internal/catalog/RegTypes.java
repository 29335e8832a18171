package io.pgserve.engine.internal.catalog;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.util.List;

/**
 * PostgreSQL's OID alias types, with PostgreSQL's OIDs. Their values are {@link RegOid}s, made by the engine's
 * input functions (regclassin...), which look names up in the catalog; the codec prints the name. Text input on the
 * wire takes a number only (a name needs the catalog: the engine resolves {@code 'name'::regclass} itself).
 */
public final class RegTypes {
    public static final PgType REGPROC = new PgType(24, "regproc", 4, 'N', 1008, 0);
    public static final PgType REGPROCEDURE = new PgType(2202, "regprocedure", 4, 'N', 2207, 0);
    public static final PgType REGCLASS = new PgType(2205, "regclass", 4, 'N', 2210, 0);
    public static final PgType REGTYPE = new PgType(2206, "regtype", 4, 'N', 2211, 0);
    public static final PgType REGNAMESPACE = new PgType(4089, "regnamespace", 4, 'N', 4090, 0);
    public static final PgType REGROLE = new PgType(4096, "regrole", 4, 'N', 4097, 0);
    static final List<PgType> ALL = List.of(REGPROC, REGPROCEDURE, REGCLASS, REGTYPE, REGNAMESPACE, REGROLE);

    private RegTypes() {
    }

    /**
     * Adds the OID alias types, record, int2vector, oidvector and the {@link SystemColumns system columns'} types to
     * a registry that lacks them (the engine's and each session's).
     */
    public static void registerIn(TypeRegistry types) {
        io.pgserve.engine.internal.Composite.registerIn(types); // record, int2vector, oidvector
        SystemColumns.registerIn(types);
        Codec oid = types.codec(PgType.OID);
        if (oid == null || types.byOid(REGCLASS.oid()) != null) {
            return;
        }
        synchronized (types) {
            if (types.byOid(REGCLASS.oid()) == null) {
                for (PgType t : ALL) {
                    types.register(t, new OidAliasCodec(oid));
                }
            }
        }
    }

    /** Whether a type is one of them. */
    public static boolean is(PgType t) {
        for (PgType r : ALL) {
            if (r.oid() == t.oid()) {
                return true;
            }
        }
        return false;
    }

    /** The type of this name (regclass...), or null. */
    static PgType byName(String name) {
        for (PgType r : ALL) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Writes the name of a {@link RegOid}; OIDs as the oid type does. */
    private static final class OidAliasCodec implements Codec {
        private final Codec oid;

        OidAliasCodec(Codec oid) {
            this.oid = oid;
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            if (value instanceof RegOid r) {
                out.writeCharSequence(r.text(), java.nio.charset.StandardCharsets.UTF_8);
            } else {
                oid.encodeText(value, out, ctx);
            }
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            oid.encodeBinary(value instanceof RegOid r ? (Object) r.oid() : value, out, ctx);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            long v = (Long) oid.decodeText(in, ctx);
            return new RegOid(v, v == 0 ? "-" : Long.toString(v));
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            long v = (Long) oid.decodeBinary(in, ctx);
            return new RegOid(v, v == 0 ? "-" : Long.toString(v));
        }
    }
}
