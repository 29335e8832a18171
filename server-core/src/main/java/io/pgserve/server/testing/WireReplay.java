package io.pgserve.server.testing;

import io.pgserve.server.internal.trace.TraceEncoder;
import io.pgserve.server.internal.trace.TraceFormat;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Replays a {@link WireRecording} against a running server and compares its answers with the recorded ones — to keep
 * what a client once sent as a regression test.
 *
 * <pre>{@code
 * ReplayReport report = WireReplay.to(server.address())
 *         .ignoreParameterValues("server_version")
 *         .replay(WireRecording.read(Path.of("src/test/resources/traces/psql.wire.log")));
 * assertTrue(report.matches(), report::toString);
 * }</pre>
 *
 * <h2>How</h2>
 * Each connection is replayed on its own socket, one after the other: its {@code F>} messages are sent in the
 * recorded order without waiting for answers (a correct server answers a pipelined client as it answers one that
 * waits), while a reader collects every answer until the server closes the connection. SSLRequest and GSSENCRequest
 * are not sent (the replay speaks plaintext) and their recorded one-byte answers are not compared; Password/SASL
 * messages are recorded without content and are not sent either, so replay needs a server that trusts the user. A
 * CancelRequest's connection is skipped (its keys belonged to another run).
 *
 * <p>A connection whose recording cannot be replayed to its end — a line that lost data (a truncated value), or the
 * first line {@link #stopBefore} picks — is replayed up to the last point where the client had all its answers (just
 * after a Query, Sync or the startup packet's ReadyForQuery), then terminated; the recorded answers are compared up
 * to the matching ReadyForQuery and the result says it was partial. {@link #skipExchanges} instead leaves single
 * exchanges out, with their recorded answers, and goes on.
 *
 * <h2>Comparing</h2>
 * Answers are compared as trace lines after normalisation: runs of DataRow are compared by count when the recording
 * kept only counts ({@code (N DataRow)}), in full when it kept them; a recorded line in the shorter notation of the
 * shared traces (a bare {@code CopyOut}, {@code Auth code=10}, an Error without its extra fields) matches the fuller
 * line it abbreviates. BackendKeyData is ignored by default; the other volatile parts are options. The result is a
 * {@link ReplayReport}; nothing is thrown for a difference.
 */
public final class WireReplay {
    private final InetSocketAddress server;
    private boolean ignoreBackendKeyData = true;
    private boolean ignoreParameterStatus;
    private boolean parameterStatusInAnyOrder = true;
    private final Set<String> ignoredParameterValues = new HashSet<>();
    private boolean errorCodesOnly;
    private boolean compareDataRowValues = true;
    private Predicate<String> stopBefore = line -> false;
    private String stopReason = "stopBefore";
    private Duration timeout = Duration.ofSeconds(10);
    private Predicate<String> skipExchanges = line -> false;

    private WireReplay(InetSocketAddress server) {
        this.server = server;
    }

    /** A replay against the server at this address (plaintext TCP). */
    public static WireReplay to(InetSocketAddress server) {
        return new WireReplay(Objects.requireNonNull(server, "server"));
    }

    public static WireReplay to(String host, int port) {
        return to(new InetSocketAddress(host, port));
    }

    /** Whether BackendKeyData lines are left out of the comparison (their keys differ per run). Default true. */
    public WireReplay ignoreBackendKeyData(boolean ignore) {
        this.ignoreBackendKeyData = ignore;
        return this;
    }

    /** Leaves every ParameterStatus line out (another server reports another set). Default false. */
    public WireReplay ignoreParameterStatus(boolean ignore) {
        this.ignoreParameterStatus = ignore;
        return this;
    }

    /** Compares only the names of these parameters, not their values (server_version, TimeZone...). */
    public WireReplay ignoreParameterValues(String... names) {
        ignoredParameterValues.addAll(List.of(names));
        return this;
    }

    /** Whether consecutive ParameterStatus lines may come in any order. Default true. */
    public WireReplay parameterStatusInAnyOrder(boolean anyOrder) {
        this.parameterStatusInAnyOrder = anyOrder;
        return this;
    }

    /** Compares errors and notices by SQLSTATE alone, not by message text and fields. Default false. */
    public WireReplay errorCodesOnly(boolean codesOnly) {
        this.errorCodesOnly = codesOnly;
        return this;
    }

    /**
     * Whether DataRow values are compared when the recording has them; when false, only the number of rows in each
     * run. Default true. (Recordings with {@code (N DataRow)} runs are always compared by count.)
     */
    public WireReplay compareDataRowValues(boolean compare) {
        this.compareDataRowValues = compare;
        return this;
    }

    /**
     * Replays each connection only up to the first frontend line (its text, e.g. {@code Query select ...}) that
     * {@code stop} accepts — moved back to the start of that exchange — for the statements a server cannot answer yet.
     */
    public WireReplay stopBefore(Predicate<String> stop) {
        return stopBefore(stop, "stopped before");
    }

    /** {@link #stopBefore(Predicate)} with the reason the report gives. */
    public WireReplay stopBefore(Predicate<String> stop, String reason) {
        this.stopBefore = Objects.requireNonNull(stop, "stop");
        this.stopReason = Objects.requireNonNull(reason, "reason");
        return this;
    }

    /**
     * Leaves out every exchange (the messages up to a Query or Sync, with the answers up to their ReadyForQuery)
     * holding a frontend line {@code skip} accepts — and later exchanges that use a prepared statement such an
     * exchange prepared — so the rest of a session can be replayed: for read-only statements (catalog queries) a
     * server cannot answer yet. Skipping a statement that changed the session's state shows up as differences later.
     */
    public WireReplay skipExchanges(Predicate<String> skip) {
        this.skipExchanges = Objects.requireNonNull(skip, "skip");
        return this;
    }

    /** How long one connection may take. Default 10 s. */
    public WireReplay timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    public ReplayReport replay(Path recording) {
        return replay(WireRecording.read(recording));
    }

    public ReplayReport replay(WireRecording recording) {
        List<ReplayReport.ConnectionResult> results = new ArrayList<>();
        for (WireRecording.Connection c : recording.connections()) {
            results.add(replay(c));
        }
        return new ReplayReport(recording.source(), results);
    }

    private record Line(String text, int line) {
    }

    private ReplayReport.ConnectionResult replay(WireRecording.Connection c) {
        List<WireRecording.Entry> frontend = c.frontend();
        if (frontend.isEmpty()) {
            return skipped(c, "no frontend messages");
        }
        if (frontend.get(0).kind().equals("CancelRequest")) {
            return skipped(c, "a CancelRequest (its keys belonged to the recorded run)");
        }
        // What to send, up to the first line we must not or cannot send.
        List<byte[]> messages = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String note = null;
        int cutLine = -1;
        for (WireRecording.Entry e : frontend) {
            if (stopBefore.test(e.text())) {
                note = stopReason + " line " + e.line();
                cutLine = e.line();
                break;
            }
            TraceEncoder.Encoded encoded;
            try {
                encoded = TraceEncoder.encode(e.text());
            } catch (TraceEncoder.NotReplayable ex) {
                note = "line " + e.line() + " cannot be replayed: " + ex.getMessage();
                cutLine = e.line();
                break;
            }
            if (encoded.action() == TraceEncoder.Action.SEND) {
                messages.add(encoded.bytes());
                kinds.add(e.kind());
                texts.add(e.text());
            }
        }
        boolean complete = note == null;
        int send = messages.size();
        if (!complete) {
            send = lastBoundary(kinds);
            if (send == 0) {
                return skipped(c, note + ", before the end of the startup");
            }
        }
        // Exchanges: the messages up to each ReadyForQuery the client waited for; the recorded answers likewise.
        List<int[]> rounds = new ArrayList<>(); // [from, to) over the messages
        int from = 0;
        for (int i = 0; i < send; i++) {
            if (endsExchange(kinds, i, send)) {
                rounds.add(new int[] {from, i + 1});
                from = i + 1;
            }
        }
        int readyRounds = rounds.size();
        if (from < send) {
            rounds.add(new int[] {from, send}); // the tail (Terminate) waits for no ReadyForQuery
        }
        List<List<Line>> segments = new ArrayList<>();
        List<Line> segment = new ArrayList<>();
        for (WireRecording.Entry e : c.backend()) {
            if (e.text().startsWith("SSL/GSS reply")) {
                continue;
            }
            segment.add(new Line(e.text(), e.line()));
            if (e.kind().equals("ReadyForQuery")) {
                segments.add(segment);
                segment = new ArrayList<>();
            }
        }
        segments.add(segment); // what came after the last ReadyForQuery
        boolean[] skip = new boolean[rounds.size()];
        int skipped = 0;
        java.util.Set<String> unprepared = new HashSet<>();
        for (int r = 1; r < readyRounds; r++) { // never the startup, never the tail
            List<String> lines = texts.subList(rounds.get(r)[0], rounds.get(r)[1]);
            boolean drop = lines.stream().anyMatch(skipExchanges);
            java.util.Set<String> preparedHere = new HashSet<>();
            for (String line : lines) {
                String used = usedStatement(line);
                drop |= used != null && unprepared.contains(used) && !preparedHere.contains(used);
                String parsed = parsedStatement(line);
                if (parsed != null) {
                    preparedHere.add(parsed);
                }
            }
            for (String parsed : preparedHere) {
                if (drop) {
                    unprepared.add(parsed);
                } else {
                    unprepared.remove(parsed);
                }
            }
            skip[r] = drop;
            skipped += drop ? 1 : 0;
        }
        List<byte[]> toSend = new ArrayList<>();
        List<Line> recorded = new ArrayList<>();
        for (int r = 0; r < rounds.size(); r++) {
            if (skip[r]) {
                continue;
            }
            toSend.addAll(messages.subList(rounds.get(r)[0], rounds.get(r)[1]));
            if (r < readyRounds && r < segments.size()) {
                recorded.addAll(segments.get(r));
            }
        }
        if (complete) {
            for (int r = readyRounds; r < segments.size(); r++) {
                recorded.addAll(segments.get(r)); // answers after the last expected ReadyForQuery (a FATAL...)
            }
        }
        if (skipped > 0) {
            note = (note == null ? "" : note + "; ") + "left out " + skipped + " of " + (readyRounds - 1)
                    + " exchanges";
        }
        boolean terminated = send > 0 && kinds.get(send - 1).equals("Terminate");
        List<Line> actual = new ArrayList<>();
        // A half-closed socket ends a session at once, so the replay always ends with Terminate, as a client does.
        String failure = exchange(toSend, !terminated, actual);
        boolean fullRows = compareDataRowValues && recorded.stream().anyMatch(l -> l.text().startsWith("DataRow ["));
        List<Line> want = normalise(recorded, fullRows);
        List<Line> got = normalise(actual, fullRows);
        ReplayReport.Difference difference = null;
        int n = Math.max(want.size(), got.size());
        for (int i = 0; i < n; i++) {
            Line w = i < want.size() ? want.get(i) : null;
            Line g = i < got.size() ? got.get(i) : null;
            if (w == null || g == null || !same(w.text(), g.text())) {
                difference = new ReplayReport.Difference(i, w == null ? 0 : w.line(),
                        w == null ? "<nothing>" : w.text(),
                        g == null ? "<nothing>" + (failure != null ? " (" + failure + ")" : "") : g.text());
                break;
            }
        }
        if (!complete && cutLine > 0) {
            note = note + "; replayed the " + send + " messages before it";
        }
        send = toSend.size();
        ReplayReport.Outcome outcome = difference != null ? ReplayReport.Outcome.DIFFERENT
                : failure != null ? ReplayReport.Outcome.FAILED : ReplayReport.Outcome.MATCHED;
        if (failure != null && difference == null) {
            note = note == null ? failure : note + "; " + failure;
        }
        return new ReplayReport.ConnectionResult(c.id(), outcome, send, Math.min(want.size(), got.size()), complete,
                difference, note);
    }

    /** The statement a Parse line prepares, or null. */
    private static String parsedStatement(String line) {
        if (!line.startsWith("Parse stmt=")) {
            return null;
        }
        try {
            return new io.pgserve.server.internal.trace.PyLiteral.Parser(line, "Parse stmt=".length()).string();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The prepared statement a Bind, Describe S or Close S line uses, or null. */
    private static String usedStatement(String line) {
        try {
            if (line.startsWith("Bind portal=")) {
                io.pgserve.server.internal.trace.PyLiteral.Parser p =
                        new io.pgserve.server.internal.trace.PyLiteral.Parser(line, "Bind portal=".length());
                p.string();
                p.expect(" stmt=");
                return p.string();
            }
            if (line.startsWith("Describe S ") || line.startsWith("Close S ")) {
                return new io.pgserve.server.internal.trace.PyLiteral.Parser(line, line.indexOf(" S ") + 3).string();
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static ReplayReport.ConnectionResult skipped(WireRecording.Connection c, String why) {
        return new ReplayReport.ConnectionResult(c.id(), ReplayReport.Outcome.SKIPPED, 0, 0, false, null, why);
    }

    private static boolean producesReady(String kind) {
        return kind.equals("Startup") || kind.equals("Query") || kind.equals("Sync") || kind.equals("FunctionCall");
    }

    /**
     * Whether the client waits for a ReadyForQuery after message {@code i}: a Query, Sync or FunctionCall not
     * followed by COPY data, or the CopyDone/CopyFail that ends a COPY FROM STDIN.
     */
    private static boolean endsExchange(List<String> kinds, int i, int n) {
        String k = kinds.get(i);
        boolean copyFollows = i + 1 < n && kinds.get(i + 1).startsWith("Copy");
        return !copyFollows && (producesReady(k) || k.equals("CopyDone") || k.equals("CopyFail"));
    }

    /** The number of leading messages after which the client had every answer (a ReadyForQuery was due). */
    private static int lastBoundary(List<String> kinds) {
        int boundary = 0;
        for (int i = 0; i < kinds.size(); i++) {
            if (endsExchange(kinds, i, kinds.size())) {
                boundary = i + 1;
            }
        }
        return boundary;
    }

    /** Sends, reads every answer until the server closes; returns null or what went wrong. */
    private String exchange(List<byte[]> messages, boolean addTerminate, List<Line> answers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) Math.max(1, timeout.toMillis()));
            socket.setTcpNoDelay(true);
            List<Line> received = Collections.synchronizedList(answers);
            String[] readFailure = new String[1];
            Thread reader = new Thread(() -> readFailure[0] = readAll(socket, deadline, received),
                    "wire-replay-reader");
            reader.setDaemon(true);
            reader.start();
            OutputStream out = socket.getOutputStream();
            try {
                for (byte[] m : messages) {
                    out.write(m);
                }
                if (addTerminate) {
                    out.write(new byte[] {'X', 0, 0, 0, 4});
                }
                out.flush();
            } catch (IOException e) {
                // the server may close first (a FATAL); what it said is still read
            }
            long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            reader.join(waitMillis + 1000);
            if (reader.isAlive()) {
                socket.close();
                reader.join(1000);
                return "timed out after " + timeout;
            }
            return readFailure[0];
        } catch (IOException e) {
            return "could not connect to " + server + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String readAll(Socket socket, long deadline, List<Line> into) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return "timed out waiting for the server to close";
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int type = in.read();
                if (type < 0) {
                    return null;
                }
                int length = in.readInt();
                if (length < 4) {
                    return "bad message length " + length + " from the server";
                }
                byte[] body = new byte[length - 4];
                in.readFully(body);
                into.add(new Line(TraceFormat.backend((char) type, body), 0));
            }
        } catch (SocketTimeoutException e) {
            return "timed out waiting for the server to close";
        } catch (EOFException e) {
            return "the server closed the connection in the middle of a message";
        } catch (IOException e) {
            return into.isEmpty() ? "read failed: " + e : null; // a reset after the last answer is an end too
        }
    }

    private List<Line> normalise(List<Line> lines, boolean fullRows) {
        List<Line> out = new ArrayList<>();
        int rows = 0;
        int rowsLine = 0;
        for (Line l : lines) {
            String t = l.text();
            Integer count = null;
            if (t.startsWith("(") && t.endsWith(" DataRow)")) {
                count = Integer.parseInt(t.substring(1, t.indexOf(' ')));
            } else if (t.startsWith("DataRow [") && !fullRows) {
                count = 1;
            }
            if (count != null) {
                if (rows == 0) {
                    rowsLine = l.line();
                }
                rows += count;
                continue;
            }
            if (rows > 0) {
                out.add(new Line("(" + rows + " DataRow)", rowsLine));
                rows = 0;
            }
            if (t.equals("d")) {
                t = "CopyData";
            }
            if (ignoreBackendKeyData && t.startsWith("BackendKeyData")) {
                continue;
            }
            if (t.startsWith("ParameterStatus ")) {
                if (ignoreParameterStatus) {
                    continue;
                }
                int eq = t.indexOf('=');
                if (eq > 0 && ignoredParameterValues.contains(t.substring("ParameterStatus ".length(), eq))) {
                    t = t.substring(0, eq + 1) + "<ignored>";
                }
            }
            if (errorCodesOnly && (t.startsWith("Error ") || t.startsWith("Notice "))) {
                String[] parts = t.split(" ", 3);
                t = parts[0] + " " + parts[1];
            }
            out.add(new Line(t, l.line()));
        }
        if (rows > 0) {
            out.add(new Line("(" + rows + " DataRow)", rowsLine));
        }
        if (parameterStatusInAnyOrder) {
            for (int i = 0; i < out.size(); ) {
                int j = i;
                while (j < out.size() && out.get(j).text().startsWith("ParameterStatus ")) {
                    j++;
                }
                if (j - i > 1) {
                    out.subList(i, j).sort((a, b) -> a.text().compareTo(b.text()));
                }
                i = Math.max(j, i + 1);
            }
        }
        return out;
    }

    /** Equal, or the recorded line is the shared traces' shorter form of the actual one. */
    private static boolean same(String recorded, String actual) {
        if (recorded.equals(actual)) {
            return true;
        }
        String kind = TraceEncoder.kind(recorded);
        switch (kind) {
            case "Error":
            case "Notice":
                return actual.startsWith(recorded + " | ");
            case "Auth":
            case "CopyIn":
            case "CopyOut":
            case "CopyBoth":
            case "Notification":
            case "NegotiateProtocolVersion":
            case "CopyData":
                return actual.startsWith(recorded + " ");
            default:
                return false;
        }
    }
}
