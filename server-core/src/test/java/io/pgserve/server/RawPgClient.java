package io.pgserve.server;

import io.pgserve.server.internal.protocol.FrontendEncoder;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Test-only: a client that writes raw bytes to a server and reads its backend messages one by one. */
final class RawPgClient implements AutoCloseable {
    /** A backend message: type byte and body (without the length). */
    record Message(char type, byte[] body) {
        /** The fields of an ErrorResponse or NoticeResponse, by field code. */
        Map<Character, String> fields() {
            Map<Character, String> f = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                f.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return f;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(body);
        }

        /** The body as one NUL-terminated string (CommandComplete's tag). */
        String cString() {
            int end = 0;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            return new String(body, 0, end, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            if (type == 'E' || type == 'N') {
                return type + fields().toString();
            }
            return type + "[" + HexFormat.of().formatHex(body, 0, Math.min(body.length, 64))
                    + (body.length > 64 ? "..." : "") + "]";
        }
    }

    private final Socket socket;
    private final PushbackInputStream raw;
    private final DataInputStream in;
    private final OutputStream out;

    private RawPgClient(Socket socket) throws IOException {
        this.socket = socket;
        this.raw = new PushbackInputStream(socket.getInputStream(), 1);
        this.in = new DataInputStream(raw);
        this.out = socket.getOutputStream();
    }

    static RawPgClient connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(5_000);
        s.setTcpNoDelay(true);
        return new RawPgClient(s);
    }

    /** How long a read waits before the test fails (5 s unless changed). */
    RawPgClient readTimeout(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        return this;
    }

    /** Wraps a connected socket. */
    static RawPgClient wrap(Socket s) throws IOException {
        return new RawPgClient(s);
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Reads up to and including the first message of either type. */
    List<Message> readUntilEither(char a, char b) throws IOException {
        List<Message> list = new ArrayList<>();
        while (true) {
            Message m = read();
            list.add(m);
            if (m.type() == a || m.type() == b) {
                return list;
            }
        }
    }

    /** Connects with a small receive buffer (set before connecting, so the window is small from the start). */
    static RawPgClient connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(5_000);
        s.setTcpNoDelay(true);
        return new RawPgClient(s);
    }

    void send(byte[]... parts) throws IOException {
        out.write(FrontendEncoder.concat(parts));
        out.flush();
    }

    /** Reads one byte (the answer to SSLRequest / GSSENCRequest). */
    char readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            fail("connection closed, expected a one-byte answer");
        }
        return (char) b;
    }

    /** The next byte without consuming it, -1 at end of stream. */
    int peek() throws IOException {
        int b;
        try {
            b = raw.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("timed out waiting for the server", e);
        }
        if (b >= 0) {
            raw.unread(b);
        }
        return b;
    }

    /** Reads one whole backend message. */
    Message read() throws IOException {
        int type;
        try {
            type = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("timed out waiting for a backend message", e);
        }
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        int length = in.readInt();
        if (length < 4 || length > 1 << 24) {
            fail("bad length " + length + " of backend message '" + (char) type + "'");
        }
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message((char) type, body);
    }

    /** Reads messages up to and including the first one of {@code type}. */
    List<Message> readUntil(char type) throws IOException {
        List<Message> list = new ArrayList<>();
        while (true) {
            Message m;
            try {
                m = read();
            } catch (EOFException e) {
                throw new AssertionError("connection closed before '" + type + "'; got " + list, e);
            }
            list.add(m);
            if (m.type() == type) {
                return list;
            }
        }
    }

    /** Sends a 3.0 StartupMessage and reads up to ReadyForQuery, checking AuthenticationOk comes first. */
    List<Message> startup(Map<String, String> parameters) throws IOException {
        send(FrontendEncoder.startup(parameters));
        return readStartupResponse();
    }

    List<Message> startup(String user) throws IOException {
        return startup(Map.of("user", user));
    }

    List<Message> readStartupResponse() throws IOException {
        List<Message> list = readUntil('Z');
        Message auth = list.stream().filter(m -> m.type() == 'R').findFirst()
                .orElseThrow(() -> new AssertionError("no AuthenticationOk in " + list));
        assertEquals(0, auth.buffer().getInt(), "AuthenticationOk");
        return list;
    }

    /** Reads the next message, which must be an ErrorResponse with these fields. */
    Message expectError(String severity, String sqlState, String message) throws IOException {
        Message m;
        try {
            m = read();
        } catch (EOFException e) {
            throw new AssertionError("connection closed, expected " + severity + " " + sqlState + " " + message, e);
        }
        assertEquals('E', m.type(), () -> "expected ErrorResponse, got " + m);
        Map<Character, String> f = m.fields();
        assertEquals(severity, f.get('S'), () -> "S field of " + f);
        assertEquals(severity, f.get('V'), () -> "V field of " + f);
        assertEquals(sqlState, f.get('C'), () -> "C field of " + f);
        assertEquals(message, f.get('M'), () -> "M field of " + f);
        return m;
    }

    /** Reads the next message, which must be ReadyForQuery with this status. */
    /** Reads the next message, which must be of this type. */
    Message expectRead(char type) throws IOException {
        Message m = read();
        assertEquals(type, m.type(), () -> "expected '" + type + "', got " + m);
        return m;
    }

    void expectReady(char status) throws IOException {
        Message m = read();
        assertEquals('Z', m.type(), () -> "expected ReadyForQuery, got " + m);
        assertEquals(status, (char) m.body()[0]);
    }

    /** The server must close the connection now: read returns -1 with nothing before it, within the timeout. */
    void expectClosed() throws IOException {
        List<String> extra = new ArrayList<>();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the connection" + (extra.isEmpty() ? ""
                        : "; it sent " + extra), e);
            }
            if (b < 0) {
                if (!extra.isEmpty()) {
                    fail("the server sent more before closing: " + extra);
                }
                return;
            }
            int length = in.readInt();
            byte[] body = new byte[Math.max(0, Math.min(length - 4, 1 << 20))];
            in.readFully(body);
            extra.add(new Message((char) b, body).toString());
        }
    }

    /** A simple query and its answer up to ReadyForQuery. */
    List<Message> query(String sql) throws IOException {
        send(FrontendEncoder.query(sql));
        return readUntil('Z');
    }

    /** Makes {@link #close()} reset the connection (SO_LINGER 0), as a killed client's kernel would. */
    void resetOnClose() throws IOException {
        socket.setSoLinger(true, 0);
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static List<Character> types(List<Message> messages) {
        List<Character> t = new ArrayList<>();
        for (Message m : messages) {
            t.add(m.type());
        }
        return t;
    }
}
