package io.pgserve.engine.internal.catalog;

import io.netty.buffer.ByteBuf;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system columns PostgreSQL 15 gives every table and sequence (ctid, xmin, cmin, xmax, cmax, tableoid, with
 * attnums -1 to -6 in pg_attribute), and their types tid, xid and cid with PostgreSQL's OIDs. A tid value is its
 * text {@code (block,offset)}; xid and cid values are Longs.
 */
public final class SystemColumns {
    public static final PgType TID = new PgType(27, "tid", 6, 'U', 1010, 0);
    public static final PgType XID = new PgType(28, "xid", 4, 'U', 1011, 0);
    public static final PgType CID = new PgType(29, "cid", 4, 'U', 1012, 0);

    /** A system column: its name, attnum and type. */
    record Def(String name, short attnum, PgType type) {
    }

    /** In attnum order -1, -2...: as pg_attribute lists them. */
    static final List<Def> ALL = List.of(new Def("ctid", (short) -1, TID), new Def("xmin", (short) -2, XID),
            new Def("cmin", (short) -3, CID), new Def("xmax", (short) -4, XID), new Def("cmax", (short) -5, CID),
            new Def("tableoid", (short) -6, PgType.OID));

    private static final Pattern TID_TEXT = Pattern.compile("\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)\\s*");

    private SystemColumns() {
    }

    /** Whether relations of this kind have system columns (tables, sequences, materialized views...). */
    static boolean has(char relkind) {
        return relkind == 'r' || relkind == 'S' || relkind == 'm' || relkind == 'p' || relkind == 't'
                || relkind == 'f';
    }

    /** Adds tid, xid and cid to a registry that lacks them. */
    static void registerIn(TypeRegistry types) {
        if (types.byOid(TID.oid()) != null) {
            return;
        }
        synchronized (types) {
            if (types.byOid(TID.oid()) == null) {
                types.register(TID, new TidCodec());
                types.register(XID, new UnsignedCodec("xid"));
                types.register(CID, new UnsignedCodec("cid"));
            }
        }
    }

    /** tid: {@code (block,offset)}; binary, a uint32 block and a uint16 offset. */
    private static final class TidCodec implements Codec {
        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(value.toString(), StandardCharsets.UTF_8);
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            Matcher m = parse(value.toString());
            out.writeInt((int) Long.parseLong(m.group(1))).writeShort(Integer.parseInt(m.group(2)));
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String text = in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString();
            Matcher m = parse(text);
            return "(" + Long.parseLong(m.group(1)) + "," + Integer.parseInt(m.group(2)) + ")";
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return "(" + in.readUnsignedInt() + "," + in.readUnsignedShort() + ")";
        }

        private static Matcher parse(String text) {
            Matcher m = TID_TEXT.matcher(text);
            if (!m.matches() || Long.parseLong(m.group(1)) > 0xFFFFFFFFL || Integer.parseInt(m.group(2)) > 0xFFFF) {
                throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type tid: \""
                        + text + "\"");
            }
            return m;
        }
    }

    /** xid and cid: an unsigned 32-bit number. */
    private static final class UnsignedCodec implements Codec {
        private final String name;

        UnsignedCodec(String name) {
            this.name = name;
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(Long.toString(((Number) value).longValue()), StandardCharsets.UTF_8);
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            out.writeInt((int) ((Number) value).longValue());
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String text = in.readCharSequence(in.readableBytes(), StandardCharsets.UTF_8).toString().trim();
            try {
                long v = Long.parseLong(text);
                if (v >= 0 && v <= 0xFFFFFFFFL) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + name
                    + ": \"" + text + "\"");
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            return in.readUnsignedInt();
        }
    }
}
