package io.pgserve.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A statement pattern and the responses to its successive calls, registered with
 * {@link PgTestServer#stubFor(Stub)}. Counts its calls.
 *
 * <pre>{@code
 * Stub transfer = pg.stubFor(sql("UPDATE accounts SET balance = balance - $1 WHERE id = $2")
 *         .willReturn(error("40001", "could not serialize access due to concurrent update"),
 *                     command("UPDATE", 1)));      // first call fails, later ones succeed
 * ...
 * assertEquals(2, transfer.callCount());
 * }</pre>
 */
public final class Stub {
    private final StatementPattern pattern;
    private final List<StubResponse> responses;
    private final Function<ReceivedStatement, StubResponse> answer;
    private int calls;

    Stub(StatementPattern pattern, StubResponse first, StubResponse... then) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        List<StubResponse> all = new ArrayList<>(1 + then.length);
        all.add(Objects.requireNonNull(first, "first"));
        for (StubResponse r : then) {
            all.add(Objects.requireNonNull(r, "response"));
        }
        this.responses = Collections.unmodifiableList(all);
        this.answer = null;
    }

    Stub(StatementPattern pattern, Function<ReceivedStatement, StubResponse> answer) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.answer = Objects.requireNonNull(answer, "answer");
        this.responses = List.of();
    }

    public StatementPattern pattern() {
        return pattern;
    }

    /** The responses to the first, second... calls; the last one repeats. Empty for a computed answer. */
    public List<StubResponse> responses() {
        return responses;
    }

    /** How many statements this stub has answered. */
    public synchronized int callCount() {
        return calls;
    }

    /** The response to the next call, counting it. */
    StubResponse next(ReceivedStatement statement) {
        synchronized (this) {
            calls++;
            if (answer == null) {
                return responses.get(Math.min(calls - 1, responses.size() - 1));
            }
        }
        return Objects.requireNonNull(answer.apply(statement), "the stub's answer was null");
    }

    /**
     * The responses from the next call's on, for Describe, which does not count as a call (a computed answer is
     * asked with the statement's parameters all NULL).
     */
    List<StubResponse> upcoming(ReceivedStatement statement) {
        synchronized (this) {
            if (answer == null) {
                return responses.subList(Math.min(calls, responses.size() - 1), responses.size());
            }
        }
        StubResponse r = answer.apply(statement);
        return r == null ? List.of() : List.of(r);
    }

    synchronized void resetCount() {
        calls = 0;
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
