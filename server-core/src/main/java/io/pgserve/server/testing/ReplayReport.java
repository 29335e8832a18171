package io.pgserve.server.testing;

import java.util.List;

/**
 * What {@link WireReplay} found: one result per recorded connection. A test asserts {@code report.matches()} and
 * prints the report when it fails: each connection's outcome and its first difference, recorded against actual.
 */
public record ReplayReport(String source, List<ConnectionResult> connections) {
    public ReplayReport {
        connections = List.copyOf(connections);
    }

    /** How a connection's replay ended. */
    public enum Outcome {
        /** Every compared answer was as recorded. */
        MATCHED,
        /** An answer differed, or was missing or extra. */
        DIFFERENT,
        /** Not replayed (a CancelRequest's connection; nothing replayable before the first stop). */
        SKIPPED,
        /** The replay itself failed (could not connect, timed out). */
        FAILED
    }

    /**
     * The first difference of a connection.
     *
     * @param index        the position among the compared backend lines (0-based)
     * @param recordedLine the recording's line number, or 0 when the server said more than was recorded
     * @param recorded     the recorded line after normalisation, or {@code <nothing>}
     * @param actual       the server's line after normalisation, or {@code <nothing>}
     */
    public record Difference(int index, int recordedLine, String recorded, String actual) {
        @Override
        public String toString() {
            return "at answer #" + index + (recordedLine > 0 ? " (line " + recordedLine + ")" : "")
                    + "\n    recorded: " + recorded + "\n    actual:   " + actual;
        }
    }

    /**
     * One connection's replay.
     *
     * @param connection   the recorded connection id
     * @param outcome      how it ended
     * @param sent         frontend messages sent
     * @param compared     backend lines compared
     * @param complete     whether the whole connection was replayed (false when it stopped early; see note)
     * @param difference   the first difference, or null
     * @param note         why the replay stopped early or was skipped, or null
     */
    public record ConnectionResult(String connection, Outcome outcome, int sent, int compared, boolean complete,
                                   Difference difference, String note) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("connection ").append(connection).append(": ").append(outcome)
                    .append(" (").append(sent).append(" sent, ").append(compared).append(" answers compared")
                    .append(complete ? "" : ", partial").append(')');
            if (note != null) {
                b.append(" — ").append(note);
            }
            if (difference != null) {
                b.append("\n  ").append(difference);
            }
            return b.toString();
        }
    }

    /** No connection differed or failed (skipped ones are allowed; see {@link #replayed()}). */
    public boolean matches() {
        return connections.stream().noneMatch(c -> c.outcome() == Outcome.DIFFERENT || c.outcome() == Outcome.FAILED);
    }

    /** The connections that differed or failed. */
    public List<ConnectionResult> failures() {
        return connections.stream()
                .filter(c -> c.outcome() == Outcome.DIFFERENT || c.outcome() == Outcome.FAILED).toList();
    }

    /** How many connections were replayed (not skipped). */
    public long replayed() {
        return connections.stream().filter(c -> c.outcome() != Outcome.SKIPPED).count();
    }

    /** How many backend lines were compared in all. */
    public int compared() {
        return connections.stream().mapToInt(ConnectionResult::compared).sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("replay of ").append(source).append(": ")
                .append(matches() ? "matches" : failures().size() + " connection(s) differ").append('\n');
        for (ConnectionResult c : connections) {
            b.append(c).append('\n');
        }
        return b.toString();
    }
}
