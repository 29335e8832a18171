package io.pgserve.server.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test-only: the bytes a PostgreSQL client (libpq, pgjdbc) writes for each frontend message, built independently
 * of the server's decoders so that round trips actually check the wire format.
 */
public final class FrontendEncoder {
    /** Protocol version 3.0 as sent in the StartupMessage. */
    public static final int PROTOCOL_3_0 = 3 << 16;
    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int GSSENC_REQUEST_CODE = 80877104;
    public static final int CANCEL_REQUEST_CODE = 80877102;

    private FrontendEncoder() {
    }

    // --- startup phase (no type byte) ------------------------------------------------------------------------

    /** A StartupMessage for version {@code major.minor} with the parameters in iteration order. */
    public static byte[] startup(int major, int minor, Map<String, String> parameters) {
        Body b = new Body().int32((major << 16) | minor);
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            b.cstring(e.getKey()).cstring(e.getValue());
        }
        b.int8(0);
        return untyped(b.bytes());
    }

    public static byte[] startup(Map<String, String> parameters) {
        return startup(3, 0, parameters);
    }

    public static byte[] sslRequest() {
        return untyped(new Body().int32(SSL_REQUEST_CODE).bytes());
    }

    public static byte[] gssEncRequest() {
        return untyped(new Body().int32(GSSENC_REQUEST_CODE).bytes());
    }

    public static byte[] cancelRequest(int processId, byte[] secretKey) {
        return untyped(new Body().int32(CANCEL_REQUEST_CODE).int32(processId).raw(secretKey).bytes());
    }

    /** A startup-phase packet: Int32 length (including itself) then {@code body}. */
    public static byte[] untyped(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(4 + body.length).put(body).array();
    }

    // --- regular phase -----------------------------------------------------------------------------------------

    public static byte[] query(String sql) {
        return message('Q', new Body().cstring(sql).bytes());
    }

    public static byte[] parse(String name, String sql, int... parameterTypes) {
        Body b = new Body().cstring(name).cstring(sql).int16(parameterTypes.length);
        for (int oid : parameterTypes) {
            b.int32(oid);
        }
        return message('P', b.bytes());
    }

    /** Bind; a {@code null} value is sent as length -1 (SQL NULL). */
    public static byte[] bind(String portal, String statement, List<Short> parameterFormats, List<byte[]> values,
                              List<Short> resultFormats) {
        Body b = new Body().cstring(portal).cstring(statement).int16(parameterFormats.size());
        for (short f : parameterFormats) {
            b.int16(f);
        }
        b.int16(values.size());
        for (byte[] v : values) {
            if (v == null) {
                b.int32(-1);
            } else {
                b.int32(v.length).raw(v);
            }
        }
        b.int16(resultFormats.size());
        for (short f : resultFormats) {
            b.int16(f);
        }
        return message('B', b.bytes());
    }

    public static byte[] describe(char kind, String name) {
        return message('D', new Body().int8(kind).cstring(name).bytes());
    }

    public static byte[] execute(String portal, int maxRows) {
        return message('E', new Body().cstring(portal).int32(maxRows).bytes());
    }

    public static byte[] sync() {
        return message('S', new byte[0]);
    }

    public static byte[] flush() {
        return message('H', new byte[0]);
    }

    public static byte[] close(char kind, String name) {
        return message('C', new Body().int8(kind).cstring(name).bytes());
    }

    public static byte[] terminate() {
        return message('X', new byte[0]);
    }

    /** PasswordMessage / SASLInitialResponse / SASLResponse: 'p' with an opaque body. */
    public static byte[] password(byte[] body) {
        return message('p', body);
    }

    /** A cleartext PasswordMessage. */
    public static byte[] password(String password) {
        return password(new Body().cstring(password).bytes());
    }

    public static byte[] copyData(byte[] data) {
        return message('d', data);
    }

    public static byte[] copyDone() {
        return message('c', new byte[0]);
    }

    public static byte[] copyFail(String message) {
        return message('f', new Body().cstring(message).bytes());
    }

    /** FunctionCall: OID, argument format codes, arguments (null = NULL), result format. */
    public static byte[] functionCall(int functionOid, List<Short> argumentFormats, List<byte[]> arguments,
                                      short resultFormat) {
        Body b = new Body().int32(functionOid).int16(argumentFormats.size());
        for (short f : argumentFormats) {
            b.int16(f);
        }
        b.int16(arguments.size());
        for (byte[] a : arguments) {
            if (a == null) {
                b.int32(-1);
            } else {
                b.int32(a.length).raw(a);
            }
        }
        b.int16(resultFormat);
        return message('F', b.bytes());
    }

    /** Any regular message: type byte, Int32 length (including itself, not the type), body. */
    public static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    /** A regular message header with an arbitrary (possibly lying) length field and no body. */
    public static byte[] header(char type, int length) {
        return ByteBuffer.allocate(5).put((byte) type).putInt(length).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A small builder for message bodies (network byte order). */
    public static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Body int8(int v) {
            out.write(v);
            return this;
        }

        public Body int16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        public Body int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        public Body cstring(String s) {
            out.writeBytes(utf8(s));
            out.write(0);
            return this;
        }

        public Body raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
