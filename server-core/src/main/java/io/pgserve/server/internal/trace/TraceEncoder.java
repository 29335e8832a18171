package io.pgserve.server.internal.trace;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a recorded {@code F>} line back into the bytes of the message, for replay: the inverse of
 * {@link TraceFormat}'s frontend lines, and of the shared traces' lines where they kept enough.
 */
public final class TraceEncoder {
    private TraceEncoder() {
    }

    /** What a replay does with a frontend line. */
    public enum Action {
        /** Send {@link Encoded#bytes()}. */
        SEND,
        /** Not sent: SSLRequest/GSSENCRequest (a replay starts in plaintext), Password/SASL (not recorded). */
        SKIP
    }

    /** A line's bytes (null when skipped). */
    public record Encoded(Action action, byte[] bytes) {
    }

    /** A line that cannot be sent again: what it lost, or what is wrong with it. */
    public static final class NotReplayable extends Exception {
        public NotReplayable(String message) {
            super(message);
        }
    }

    /** The first word of a line: the message's name. */
    public static String kind(String text) {
        int sp = text.indexOf(' ');
        return sp < 0 ? text : text.substring(0, sp);
    }

    public static Encoded encode(String text) throws NotReplayable {
        String kind = kind(text);
        try {
            switch (kind) {
                case "SSLRequest":
                case "GSSENCRequest":
                case "Password/SASL":
                    return new Encoded(Action.SKIP, null);
                case "CancelRequest":
                    throw new NotReplayable("a CancelRequest names another connection's keys");
                case "Startup":
                    return send(startup(text));
                case "Query":
                    return send(message('Q', w -> w.cstr(text.length() > 6 ? text.substring(6) : "")));
                case "Parse":
                    return send(parse(text));
                case "Bind":
                    return send(bind(text));
                case "Describe":
                case "Close": {
                    PyLiteral.Parser p = new PyLiteral.Parser(text, kind.length() + 1);
                    char what = text.charAt(p.position());
                    p.expect(what + " ");
                    String name = p.string();
                    end(p);
                    return send(message(kind.equals("Describe") ? 'D' : 'C', w -> {
                        w.out.write(what);
                        w.cstr(name);
                    }));
                }
                case "Execute": {
                    PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("Execute portal=");
                    String portal = p.string();
                    p.expect(" maxrows=");
                    int max = (int) p.integer();
                    end(p);
                    return send(message('E', w -> {
                        w.cstr(portal);
                        w.int32(max);
                    }));
                }
                case "Sync": return send(message('S', w -> { }));
                case "Flush": return send(message('H', w -> { }));
                case "Terminate": return send(message('X', w -> { }));
                case "CopyDone": return send(message('c', w -> { }));
                case "CopyFail": {
                    String msg = text.length() > 9 ? text.substring(9) : "";
                    return send(message('f', w -> w.cstr(msg)));
                }
                case "CopyData": {
                    PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("CopyData ");
                    long n = p.integer();
                    p.expect(" bytes ");
                    Object v;
                    try {
                        v = p.value();
                        end(p);
                    } catch (PyLiteral.SyntaxError e) {
                        throw new NotReplayable("CopyData payload recorded truncated");
                    }
                    if (!(v instanceof byte[] data) || data.length != n) {
                        throw new NotReplayable("CopyData payload recorded truncated");
                    }
                    return send(message('d', w -> w.out.writeBytes(data)));
                }
                case "FunctionCall": {
                    PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("FunctionCall ");
                    p.integer();
                    p.expect(" bytes");
                    if (p.atEnd()) {
                        throw new NotReplayable("FunctionCall recorded by size only");
                    }
                    p.expect(" ");
                    Object v = p.value();
                    if (!(v instanceof byte[] data)) {
                        throw new NotReplayable("FunctionCall body missing");
                    }
                    return send(message('F', w -> w.out.writeBytes(data)));
                }
                default:
                    throw new NotReplayable("unknown frontend message: " + kind);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ClassCastException | NullPointerException e) {
            throw new NotReplayable("cannot read the " + kind + " line: " + e.getMessage());
        }
    }

    private static Encoded send(byte[] b) {
        return new Encoded(Action.SEND, b);
    }

    private static void end(PyLiteral.Parser p) {
        if (!p.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the message: " + p.rest());
        }
    }

    private static byte[] startup(String text) throws NotReplayable {
        PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("Startup protocol=");
        long major = p.integer();
        p.expect(".");
        long minor = p.integer();
        p.expect(" ");
        Map<Object, Object> params = p.dict();
        end(p);
        W w = new W();
        w.int32(0);
        w.int32((int) (major << 16 | minor));
        for (Map.Entry<Object, Object> e : params.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                throw new NotReplayable("startup parameters must be strings");
            }
            w.cstr(k);
            w.cstr(v);
        }
        w.out.write(0);
        return w.finish(false);
    }

    private static byte[] parse(String text) {
        PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("Parse stmt=");
        String name = p.string();
        p.expect(" paramoids=");
        List<Object> oids = p.list();
        p.expect(" sql=");
        String sql = p.rest();
        return message('P', w -> {
            w.cstr(name);
            w.cstr(sql);
            w.int16(oids.size());
            for (Object o : oids) {
                w.int32((int) (long) (Long) o);
            }
        });
    }

    private static byte[] bind(String text) throws NotReplayable {
        PyLiteral.Parser p = new PyLiteral.Parser(text, 0).expect("Bind portal=");
        String portal = p.string();
        p.expect(" stmt=");
        String stmt = p.string();
        p.expect(" paramfmts=");
        List<Object> fmts = p.list();
        p.expect(" params=");
        List<Object> params;
        try {
            params = p.list();
        } catch (PyLiteral.SyntaxError e) {
            throw new NotReplayable("Bind parameters recorded truncated");
        }
        p.expect(" resultfmts=");
        List<Object> rfmts = p.list();
        end(p);
        W w = new W();
        w.cstr(portal);
        w.cstr(stmt);
        w.int16(fmts.size());
        for (Object f : fmts) {
            w.int16((int) (long) (Long) f);
        }
        w.int16(params.size());
        for (int k = 0; k < params.size(); k++) {
            Object v = params.get(k);
            if (v == null) {
                w.int32(-1);
                continue;
            }
            long fmt = fmts.isEmpty() ? 0 : fmts.size() == 1 ? (Long) fmts.get(0)
                    : k < fmts.size() ? (Long) fmts.get(k) : 0;
            byte[] bytes;
            if (v instanceof byte[] raw) {
                bytes = raw;
            } else if (v instanceof String s && fmt != 0) {
                if (!s.startsWith("0x")) {
                    throw new NotReplayable("binary Bind parameter not in 0x notation: " + s);
                }
                bytes = HexFormat.of().parseHex(s, 2, s.length());
            } else if (v instanceof String s) {
                bytes = s.getBytes(StandardCharsets.UTF_8);
            } else {
                throw new NotReplayable("unexpected Bind parameter " + v);
            }
            w.int32(bytes.length);
            w.out.writeBytes(bytes);
        }
        w.int16(rfmts.size());
        for (Object f : rfmts) {
            w.int16((int) (long) (Long) f);
        }
        return w.finish('B');
    }

    private interface Body {
        void write(W w);
    }

    private static byte[] message(char type, Body body) {
        W w = new W();
        body.write(w);
        return w.finish(type);
    }

    /** Builds a message: body first, then the header is put in front. */
    private static final class W {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void cstr(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }

        void int16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        void int32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        /** Typed message: type, length, body. */
        byte[] finish(char type) {
            byte[] body = out.toByteArray();
            byte[] m = new byte[5 + body.length];
            m[0] = (byte) type;
            putInt(m, 1, body.length + 4);
            System.arraycopy(body, 0, m, 5, body.length);
            return m;
        }

        /** Untagged (startup) packet: the first four bytes are the length. */
        byte[] finish(boolean unused) {
            byte[] m = out.toByteArray();
            putInt(m, 0, m.length);
            return m;
        }

        private static void putInt(byte[] m, int at, int v) {
            m[at] = (byte) (v >>> 24);
            m[at + 1] = (byte) (v >>> 16);
            m[at + 2] = (byte) (v >>> 8);
            m[at + 3] = (byte) v;
        }
    }
}
