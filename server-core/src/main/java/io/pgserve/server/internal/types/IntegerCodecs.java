package io.pgserve.server.internal.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.CodecContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * int2 ↔ Short, int4 ↔ Integer, int8 ↔ Long, oid ↔ Long (unsigned 32-bit). Text input as PostgreSQL 15's
 * pg_strtoint*: spaces around, an optional sign, decimal digits only. Digits are read from and written to the
 * buffers directly.
 */
final class IntegerCodecs {
    private IntegerCodecs() {
    }

    static final ScalarCodec<Short> INT2 = new IntCodec<>("smallint", Short.MIN_VALUE, Short.MAX_VALUE, 2) {
        @Override
        Short box(long v) {
            return (short) v;
        }
    };

    static final ScalarCodec<Integer> INT4 = new IntCodec<>("integer", Integer.MIN_VALUE, Integer.MAX_VALUE, 4) {
        @Override
        Integer box(long v) {
            return (int) v;
        }
    };

    static final ScalarCodec<Long> INT8 = new IntCodec<>("bigint", Long.MIN_VALUE, Long.MAX_VALUE, 8) {
        @Override
        Long box(long v) {
            return v;
        }
    };

    static final ScalarCodec<Long> OID = new OidCodec();

    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** Appends the decimal digits of {@code v}. */
    static void writeDecimal(ByteBuf out, long v) {
        if (v == Long.MIN_VALUE) {
            out.writeBytes(LONG_MIN);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        out.ensureWritable(n);
        int start = out.writerIndex();
        for (int i = start + n - 1; i >= start; i--) {
            out.setByte(i, (int) ('0' + v % 10));
            v /= 10;
        }
        out.writerIndex(start + n);
    }

    /** The signed integer types. */
    private abstract static class IntCodec<T extends Number> extends ScalarCodec<T> {
        private final long min;
        private final long max;
        private final int size;

        IntCodec(String sqlName, long min, long max, int size) {
            super(sqlName);
            this.min = min;
            this.max = max;
            this.size = size;
        }

        abstract T box(long v);

        @Override
        T coerce(Object value, CodecContext ctx) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                    || value instanceof AtomicInteger || value instanceof AtomicLong) {
                long v = ((Number) value).longValue();
                if (v < min || v > max) {
                    throw outOfRange(Long.toString(v));
                }
                return box(v);
            }
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            if (value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double
                    || value instanceof Float) {
                BigDecimal d = value instanceof BigInteger bi ? new BigDecimal(bi)
                        : value instanceof BigDecimal bd ? bd : exactDecimal((Number) value);
                String shown = d.toPlainString();
                BigInteger whole;
                try {
                    whole = d.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    throw syntax(shown);
                }
                if (whole.bitLength() > 63 || whole.longValue() < min || whole.longValue() > max) {
                    throw outOfRange(shown);
                }
                return box(whole.longValue());
            }
            throw wrongType(value, "Short, Integer, Long, Byte, BigInteger, or a whole BigDecimal/Double/Float");
        }

        private BigDecimal exactDecimal(Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(n.toString());
            }
            return new BigDecimal(d);
        }

        @Override
        T parse(String text, CodecContext ctx) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return box(parseDigits(Unpooled.wrappedBuffer(bytes)));
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            return box(parseDigits(in));
        }

        /** pg_strtoint16/32/64 over the readable bytes (consumed). */
        private long parseDigits(ByteBuf in) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int i = start;
            while (i < end && isSpace(in.getByte(i))) {
                i++;
            }
            boolean neg = false;
            if (i < end && in.getByte(i) == '-') {
                neg = true;
                i++;
            } else if (i < end && in.getByte(i) == '+') {
                i++;
            }
            if (i >= end || !isDigit(in.getByte(i))) {
                throw syntax(text(in));
            }
            long acc = 0;
            long limit = min / 10;
            while (i < end) {
                byte b = in.getByte(i);
                if (!isDigit(b)) {
                    break;
                }
                int d = b - '0';
                if (acc < limit || acc * 10 < min + d) {
                    throw outOfRange(text(in));
                }
                acc = acc * 10 - d;
                i++;
            }
            while (i < end && isSpace(in.getByte(i))) {
                i++;
            }
            if (i != end) {
                throw syntax(text(in));
            }
            if (!neg) {
                if (-acc > max || acc == Long.MIN_VALUE) {
                    throw outOfRange(text(in));
                }
                acc = -acc;
            }
            in.readerIndex(end);
            return acc;
        }

        private PgException outOfRange(String shown) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + shown + "\" is out of range for type " + sqlName);
        }

        @Override
        void writeText(T value, ByteBuf out, CodecContext ctx) {
            writeDecimal(out, value.longValue());
        }

        @Override
        void writeBinary(T value, ByteBuf out, CodecContext ctx) {
            switch (size) {
                case 2 -> out.writeShort(value.shortValue());
                case 4 -> out.writeInt(value.intValue());
                default -> out.writeLong(value.longValue());
            }
        }

        @Override
        T readBinary(ByteBuf in, CodecContext ctx) {
            needBytes(in, size);
            return box(switch (size) {
                case 2 -> in.readShort();
                case 4 -> in.readInt();
                default -> in.readLong();
            });
        }
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    /** The readable bytes as text, for messages. */
    static String text(ByteBuf in) {
        return in.toString(in.readerIndex(), in.readableBytes(), StandardCharsets.UTF_8);
    }

    /**
     * oid ↔ Long (0 to 4294967295). Text input as oidin (strtoul): also accepts -1 to -2147483648, which wrap
     * around as in C; Java integral values in that range wrap the same way.
     */
    private static final class OidCodec extends ScalarCodec<Long> {
        OidCodec() {
            super("oid");
        }

        @Override
        Long coerce(Object value, CodecContext ctx) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                    || value instanceof AtomicInteger || value instanceof AtomicLong) {
                return wrap(((Number) value).longValue(), null);
            }
            if (value instanceof BigInteger b) {
                if (b.bitLength() > 63) {
                    throw outOfRange(b.toString());
                }
                return wrap(b.longValue(), null);
            }
            if (value instanceof String s) {
                return parse(s, ctx);
            }
            throw wrongType(value, "Long, Integer, Short, Byte or BigInteger (0 to 4294967295)");
        }

        private Long wrap(long v, String text) {
            if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
                throw outOfRange(text != null ? text : Long.toString(v));
            }
            return v & 0xFFFF_FFFFL;
        }

        private PgException outOfRange(String shown) {
            return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + shown + "\" is out of range for type oid");
        }

        @Override
        Long parse(String text, CodecContext ctx) {
            int end = text.length();
            int i = 0;
            while (i < end && isSpace(text.charAt(i))) {
                i++;
            }
            boolean neg = false;
            if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                neg = text.charAt(i) == '-';
                i++;
            }
            if (i >= end || !isDigit(text.charAt(i))) {
                throw syntax(text);
            }
            // strtoul: unsigned 64-bit, ERANGE (checked before trailing junk) past 2^64 - 1
            long acc = 0;
            boolean erange = false;
            while (i < end && isDigit(text.charAt(i))) {
                int d = text.charAt(i) - '0';
                if (Long.compareUnsigned(acc, 1844674407370955161L) > 0 || (acc == 1844674407370955161L && d > 5)) {
                    erange = true;
                }
                acc = acc * 10 + d;
                i++;
            }
            if (erange) {
                throw outOfRange(text);
            }
            while (i < end && isSpace(text.charAt(i))) {
                i++;
            }
            if (i != end) {
                throw syntax(text);
            }
            long cvt = neg ? -acc : acc;
            long result = cvt & 0xFFFF_FFFFL;
            if (cvt != result && cvt != (long) (int) result) {
                throw outOfRange(text);
            }
            return result;
        }

        @Override
        void writeText(Long value, ByteBuf out, CodecContext ctx) {
            writeDecimal(out, value);
        }

        @Override
        void writeBinary(Long value, ByteBuf out, CodecContext ctx) {
            out.writeInt(value.intValue());
        }

        @Override
        Long readBinary(ByteBuf in, CodecContext ctx) {
            needBytes(in, 4);
            return in.readUnsignedInt();
        }
    }
}
