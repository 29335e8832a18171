package io.pgserve.server.testing;

import io.pgserve.server.internal.trace.TraceEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wire trace read back: the entries of each connection, in order. Reads the lines {@link io.pgserve.server.WireTrace}
 * writes and those of the shared client traces ({@code pgsniff.py}): {@code <id> [+<ms>ms] F>|B<|---- <text>}, where
 * a line that does not start that way continues the previous entry (multi-line SQL).
 */
public final class WireRecording {
    private static final Pattern ENTRY = Pattern.compile("^(\\d+) (?:\\+\\d+(?:\\.\\d+)?ms )?(F>|B<|----)(?: (.*))?$",
            Pattern.DOTALL);

    /** Backend message names a recording may hold (the first word of a {@code B<} line). */
    private static final Set<String> BACKEND_KINDS = Set.of("Auth", "ParameterStatus", "ReadyForQuery",
            "RowDescription", "ParameterDescription", "CommandComplete", "Error", "Notice", "ParseComplete",
            "BindComplete", "CloseComplete", "NoData", "EmptyQuery", "PortalSuspended", "BackendKeyData", "CopyIn",
            "CopyOut", "CopyBoth", "CopyDone", "CopyData", "d", "NegotiateProtocolVersion", "Notification",
            "DataRow", "SSL/GSS", "FunctionCallResponse");

    /** Which way a message went; {@code EVENT} is a {@code ----} line (connect, closed). */
    public enum Direction { FRONTEND, BACKEND, EVENT }

    /**
     * One message (or event).
     *
     * @param text the line after the direction: {@code Query select 1}; backend lines without leading spaces
     * @param line the line number in the source (1-based)
     */
    public record Entry(String connection, Direction direction, String text, int line) {
        /** The message's name: the first word of its text. */
        public String kind() {
            return TraceEncoder.kind(text);
        }

        @Override
        public String toString() {
            return connection + " " + (direction == Direction.FRONTEND ? "F>" : direction == Direction.BACKEND
                    ? "B<" : "----") + " " + text + " (line " + line + ")";
        }
    }

    /** One connection's entries in the order recorded. */
    public record Connection(String id, List<Entry> entries) {
        public List<Entry> frontend() {
            return entries.stream().filter(e -> e.direction() == Direction.FRONTEND).toList();
        }

        public List<Entry> backend() {
            return entries.stream().filter(e -> e.direction() == Direction.BACKEND).toList();
        }
    }

    private final String source;
    private final List<Connection> connections;
    private final List<String> problems;

    private WireRecording(String source, List<Connection> connections, List<String> problems) {
        this.source = source;
        this.connections = connections;
        this.problems = problems;
    }

    public static WireRecording read(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a trace's text; {@code source} names it in reports. */
    public static WireRecording parse(String source, String text) {
        String[] lines = text.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // the newline that ends the last line
        }
        Map<String, List<Entry>> byConnection = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String id = null;
        Direction dir = null;
        StringBuilder body = null;
        int start = 0;
        for (int i = 0; i < count; i++) {
            Matcher m = ENTRY.matcher(lines[i]);
            if (m.matches()) {
                if (body != null) {
                    add(byConnection, id, dir, body.toString(), start);
                }
                id = m.group(1);
                dir = m.group(2).equals("F>") ? Direction.FRONTEND : m.group(2).equals("B<") ? Direction.BACKEND
                        : Direction.EVENT;
                body = new StringBuilder(m.group(3) == null ? "" : m.group(3));
                start = i + 1;
            } else if (body != null) {
                body.append('\n').append(lines[i]);
            } else if (!lines[i].isBlank()) {
                problems.add(source + ":" + (i + 1) + ": not an entry: " + lines[i]);
            }
        }
        if (body != null) {
            add(byConnection, id, dir, body.toString(), start);
        }
        List<Connection> connections = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> e : byConnection.entrySet()) {
            connections.add(new Connection(e.getKey(), Collections.unmodifiableList(e.getValue())));
        }
        for (Connection c : connections) {
            for (Entry e : c.entries()) {
                if (e.direction() == Direction.FRONTEND) {
                    try {
                        TraceEncoder.encode(e.text());
                    } catch (TraceEncoder.NotReplayable ex) {
                        if (!e.kind().equals("CancelRequest")) {
                            problems.add(source + ":" + e.line() + ": " + ex.getMessage());
                        }
                    }
                } else if (e.direction() == Direction.BACKEND && !BACKEND_KINDS.contains(e.kind())
                        && !e.text().matches("\\(\\d+ DataRow\\)")) {
                    problems.add(source + ":" + e.line() + ": unknown backend message: " + e.text());
                }
            }
        }
        return new WireRecording(source, List.copyOf(connections), List.copyOf(problems));
    }

    private static void add(Map<String, List<Entry>> map, String id, Direction dir, String text, int line) {
        String t = dir == Direction.BACKEND ? text.strip() : text;
        map.computeIfAbsent(id, k -> new ArrayList<>()).add(new Entry(id, dir, t, line));
    }

    /** Where the recording came from (a file name). */
    public String source() {
        return source;
    }

    public List<Connection> connections() {
        return connections;
    }

    /**
     * What could not be read: text outside any entry, frontend lines that cannot be turned back into bytes (and
     * why — a truncated value, for instance), backend lines of no known message. Empty for a sound recording.
     */
    public List<String> problems() {
        return problems;
    }
}
