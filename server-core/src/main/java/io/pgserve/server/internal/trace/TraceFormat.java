package io.pgserve.server.internal.trace;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One readable line per protocol message, in the notation of the shared client traces ({@code pgsniff.py}):
 * {@code Query <sql>}, {@code Parse stmt='' paramoids=[23] sql=...}, {@code RowDescription a:23,b:25b},
 * {@code CommandComplete SELECT 1}... Where the shared notation loses what a replay needs, the frontend lines say more
 * (the whole CopyData payload, a FunctionCall's body, CopyFail's message); backend lines add details after the name
 * the shared notation prints alone (CopyIn/CopyOut formats, Notification channel), and ErrorResponse/NoticeResponse add
 * their other fields after {@code " | "}. Rendering never throws: a malformed body becomes
 * {@code <type> <decode error ...>}.
 */
public final class TraceFormat {
    public static final int SSL_REQUEST_CODE = 80877103;
    public static final int GSSENC_REQUEST_CODE = 80877104;
    public static final int CANCEL_REQUEST_CODE = 80877102;

    private TraceFormat() {
    }

    /** The name the shared notation gives backend messages it prints without details. */
    private static final Map<Character, String> BACKEND_NAMES = Map.ofEntries(
            Map.entry('1', "ParseComplete"), Map.entry('2', "BindComplete"), Map.entry('3', "CloseComplete"),
            Map.entry('n', "NoData"), Map.entry('I', "EmptyQuery"), Map.entry('s', "PortalSuspended"),
            Map.entry('K', "BackendKeyData"), Map.entry('c', "CopyDone"), Map.entry('W', "CopyBoth"));

    /** A startup-phase packet: {@code body} starts with the Int32 code/version (the length excluded). */
    public static String startup(byte[] body) {
        if (body.length < 4) {
            return "<startup packet of " + body.length + " bytes>";
        }
        int code = ByteBuffer.wrap(body).getInt();
        if (code == SSL_REQUEST_CODE) {
            return "SSLRequest";
        }
        if (code == GSSENC_REQUEST_CODE) {
            return "GSSENCRequest";
        }
        if (code == CANCEL_REQUEST_CODE) {
            return "CancelRequest";
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 4;
        while (i < body.length && body[i] != 0) {
            int k = end(body, i);
            String key = utf8(body, i, k - i);
            i = k + 1;
            if (i > body.length) {
                break;
            }
            int v = end(body, i);
            params.put(key, utf8(body, i, v - i));
            i = v + 1;
        }
        StringBuilder b = new StringBuilder("Startup protocol=").append(code >>> 16).append('.')
                .append(code & 0xffff).append(" {");
        boolean first = true;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(PyLiteral.quote(e.getKey())).append(": ").append(PyLiteral.quote(e.getValue()));
        }
        return b.append('}').toString();
    }

    /** The startup packet's parameters (empty for the request codes). */
    public static Map<String, String> startupParameters(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.length < 4) {
            return params;
        }
        int code = ByteBuffer.wrap(body).getInt();
        if (code == SSL_REQUEST_CODE || code == GSSENC_REQUEST_CODE || code == CANCEL_REQUEST_CODE) {
            return params;
        }
        int i = 4;
        while (i < body.length && body[i] != 0) {
            int k = end(body, i);
            String key = utf8(body, i, k - i);
            i = k + 1;
            if (i >= body.length) {
                break;
            }
            int v = end(body, i);
            params.put(key, utf8(body, i, v - i));
            i = v + 1;
        }
        return params;
    }

    /** The line for a message whose body was not kept (too large, or a password): name and size. */
    public static String unrecorded(boolean frontend, char type, int bodyLength) {
        if (frontend && type == 'p') {
            return "Password/SASL " + bodyLength + " bytes";
        }
        if (!frontend && type == 'd') {
            return "CopyData " + bodyLength + " bytes";
        }
        return name(frontend, type) + " " + bodyLength + " bytes (not recorded)";
    }

    private static String name(boolean frontend, char type) {
        if (frontend) {
            switch (type) {
                case 'Q': return "Query";
                case 'P': return "Parse";
                case 'B': return "Bind";
                case 'd': return "CopyData";
                case 'F': return "FunctionCall";
                default: return String.valueOf(type);
            }
        }
        switch (type) {
            case 'D': return "DataRow";
            case 'T': return "RowDescription";
            case 'E': return "Error";
            case 'N': return "Notice";
            default: return BACKEND_NAMES.getOrDefault(type, String.valueOf(type));
        }
    }

    /** A frontend message after the startup phase. */
    public static String frontend(char type, byte[] b) {
        try {
            Cursor c = new Cursor(b);
            switch (type) {
                case 'Q':
                    return "Query " + c.cstr();
                case 'P': {
                    String name = c.cstr();
                    String sql = c.cstr();
                    int n = c.int16();
                    int[] oids = new int[Math.max(n, 0)];
                    for (int i = 0; i < oids.length; i++) {
                        oids[i] = c.int32();
                    }
                    return "Parse stmt=" + PyLiteral.quote(name) + " paramoids=" + PyLiteral.intList(oids)
                            + " sql=" + sql;
                }
                case 'B':
                    return bind(c);
                case 'D':
                    return "Describe " + (char) c.byte1() + " " + PyLiteral.quote(c.cstr());
                case 'C':
                    return "Close " + (char) c.byte1() + " " + PyLiteral.quote(c.cstr());
                case 'E': {
                    String portal = c.cstr();
                    return "Execute portal=" + PyLiteral.quote(portal) + " maxrows=" + c.int32();
                }
                case 'S': return "Sync";
                case 'H': return "Flush";
                case 'X': return "Terminate";
                case 'c': return "CopyDone";
                case 'd': return "CopyData " + b.length + " bytes " + PyLiteral.bytes(b, 0, b.length);
                case 'f': return b.length <= 1 ? "CopyFail" : "CopyFail " + c.cstr();
                case 'p': return "Password/SASL " + b.length + " bytes";
                case 'F': return "FunctionCall " + b.length + " bytes " + PyLiteral.hexToken(b);
                default: return type + " " + b.length + " bytes";
            }
        } catch (RuntimeException e) {
            return type + " <decode error " + e.getMessage() + "> " + PyLiteral.bytes(b, 0, Math.min(b.length, 60));
        }
    }

    private static String bind(Cursor c) {
        String portal = c.cstr();
        String stmt = c.cstr();
        int nf = c.int16();
        int[] fmts = new int[Math.max(nf, 0)];
        for (int i = 0; i < fmts.length; i++) {
            fmts[i] = c.int16();
        }
        int np = c.int16();
        StringBuilder params = new StringBuilder("[");
        for (int k = 0; k < np; k++) {
            if (k > 0) {
                params.append(", ");
            }
            int len = c.int32();
            if (len < 0) {
                params.append("None");
                continue;
            }
            byte[] v = c.bytes(len);
            int fmt = fmts.length == 0 ? 0 : fmts.length == 1 ? fmts[0] : k < fmts.length ? fmts[k] : 0;
            if (fmt == 0) {
                String text = strictUtf8(v);
                params.append(text != null ? PyLiteral.quote(text) : PyLiteral.hexToken(v));
            } else {
                params.append(PyLiteral.quote(PyLiteral.hexToken(v)));
            }
        }
        params.append(']');
        int nr = c.int16();
        int[] rf = new int[Math.max(nr, 0)];
        for (int i = 0; i < rf.length; i++) {
            rf[i] = c.int16();
        }
        return "Bind portal=" + PyLiteral.quote(portal) + " stmt=" + PyLiteral.quote(stmt) + " paramfmts="
                + PyLiteral.intList(fmts) + " params=" + params + " resultfmts=" + PyLiteral.intList(rf);
    }

    /** A backend message; DataRow in full ({@code DataRow ['1', None]}), its runs are summarised by the caller. */
    public static String backend(char type, byte[] b) {
        try {
            Cursor c = new Cursor(b);
            switch (type) {
                case 'R': {
                    int code = c.int32();
                    if (code == 10) {
                        List<String> mechanisms = new ArrayList<>();
                        while (c.remaining() > 1) {
                            mechanisms.add(c.cstr());
                        }
                        return "Auth code=10 " + mechanisms;
                    }
                    return "Auth code=" + code;
                }
                case 'S': {
                    String k = c.cstr();
                    return "ParameterStatus " + k + "=" + c.cstr();
                }
                case 'Z': return "ReadyForQuery " + (char) c.byte1();
                case 'T': {
                    int n = c.int16();
                    StringBuilder cols = new StringBuilder("RowDescription ");
                    for (int i = 0; i < n; i++) {
                        String name = c.cstr();
                        c.skip(6);
                        int typ = c.int32();
                        c.skip(6);
                        int fm = c.int16();
                        if (i > 0) {
                            cols.append(',');
                        }
                        cols.append(name).append(':').append(typ).append(fm != 0 ? "b" : "");
                    }
                    return cols.toString();
                }
                case 't': {
                    int n = c.int16();
                    int[] oids = new int[Math.max(n, 0)];
                    for (int i = 0; i < oids.length; i++) {
                        oids[i] = c.int32();
                    }
                    return "ParameterDescription " + PyLiteral.intList(oids);
                }
                case 'C': return "CommandComplete " + c.cstr();
                case 'E': case 'N': return errorOrNotice(type, c);
                case 'D': {
                    int n = c.int16();
                    StringBuilder row = new StringBuilder("DataRow [");
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            row.append(", ");
                        }
                        int len = c.int32();
                        if (len < 0) {
                            row.append("None");
                        } else {
                            byte[] v = c.bytes(len);
                            String text = strictUtf8(v);
                            row.append(text != null ? PyLiteral.quote(text) : PyLiteral.hexToken(v));
                        }
                    }
                    return row.append(']').toString();
                }
                case 'd': return "CopyData " + b.length + " bytes";
                case 'G': case 'H': {
                    int format = c.byte1();
                    int n = c.int16();
                    int[] f = new int[Math.max(n, 0)];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = c.int16();
                    }
                    return (type == 'G' ? "CopyIn" : "CopyOut") + " format=" + format + " columns="
                            + PyLiteral.intList(f);
                }
                case 'A': {
                    c.int32(); // the notifying backend's process id: differs on every run
                    String channel = c.cstr();
                    return "Notification channel=" + PyLiteral.quote(channel) + " payload=" + PyLiteral.quote(c.cstr());
                }
                case 'v': {
                    int minor = c.int32();
                    int n = c.int32();
                    List<String> options = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        options.add(c.cstr());
                    }
                    return "NegotiateProtocolVersion minor=" + minor + " unrecognized=" + options;
                }
                case 'V': return "FunctionCallResponse " + b.length + " bytes";
                default: return BACKEND_NAMES.getOrDefault(type, String.valueOf(type));
            }
        } catch (RuntimeException e) {
            return type + " <decode error " + e.getMessage() + ">";
        }
    }

    private static String errorOrNotice(char type, Cursor c) {
        Map<Character, String> fields = new LinkedHashMap<>();
        while (c.remaining() > 0) {
            int code = c.byte1();
            if (code == 0) {
                break;
            }
            fields.put((char) code, c.cstr());
        }
        StringBuilder b = new StringBuilder(type == 'E' ? "Error " : "Notice ")
                .append(fields.get('C')).append(' ').append(fields.get('M'));
        StringBuilder extra = new StringBuilder();
        for (Map.Entry<Character, String> f : fields.entrySet()) {
            char k = f.getKey();
            // C and M are printed already, V repeats S, F/L/R name PostgreSQL's source lines.
            if (k == 'C' || k == 'M' || k == 'V' || k == 'F' || k == 'L' || k == 'R') {
                continue;
            }
            extra.append(extra.length() == 0 ? "" : " ").append(k).append('=').append(PyLiteral.quote(f.getValue()));
        }
        if (extra.length() > 0) {
            b.append(" | ").append(extra);
        }
        return b.toString();
    }

    private static int end(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    private static String utf8(byte[] b, int off, int len) {
        return new String(b, off, Math.max(0, Math.min(len, b.length - off)), StandardCharsets.UTF_8);
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8 (or hold a NUL). */
    static String strictUtf8(byte[] v) {
        for (byte x : v) {
            if (x == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Bounds-checked reading of a message body. */
    private static final class Cursor {
        private final byte[] b;
        private int i;

        Cursor(byte[] b) {
            this.b = b;
        }

        int remaining() {
            return b.length - i;
        }

        private void need(int n) {
            if (n < 0 || i + n > b.length) {
                throw new IllegalArgumentException("message too short");
            }
        }

        int byte1() {
            need(1);
            return b[i++] & 0xff;
        }

        int int16() {
            need(2);
            int v = (short) (((b[i] & 0xff) << 8) | (b[i + 1] & 0xff));
            i += 2;
            return v;
        }

        int int32() {
            need(4);
            int v = ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            i += 4;
            return v;
        }

        void skip(int n) {
            need(n);
            i += n;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] v = new byte[n];
            System.arraycopy(b, i, v, 0, n);
            i += n;
            return v;
        }

        String cstr() {
            int e = i;
            while (e < b.length && b[e] != 0) {
                e++;
            }
            if (e >= b.length) {
                throw new IllegalArgumentException("unterminated string");
            }
            String s = new String(b, i, e - i, StandardCharsets.UTF_8);
            i = e + 1;
            return s;
        }
    }
}
