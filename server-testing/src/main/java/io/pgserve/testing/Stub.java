package io.pgserve.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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
    private int calls;

    Stub(StatementPattern pattern, StubResponse first, StubResponse... then) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        List<StubResponse> all = new ArrayList<>(1 + then.length);
        all.add(Objects.requireNonNull(first, "first"));
        for (StubResponse r : then) {
            all.add(Objects.requireNonNull(r, "response"));
        }
        this.responses = Collections.unmodifiableList(all);
    }

    public StatementPattern pattern() {
        return pattern;
    }

    /** The responses to the first, second... calls; the last one repeats. */
    public List<StubResponse> responses() {
        return responses;
    }

    /** How many statements this stub has answered. */
    public synchronized int callCount() {
        return calls;
    }

    /** The response to the next call, counting it. */
    synchronized StubResponse next() {
        return responses.get(Math.min(calls++, responses.size() - 1));
    }

    /** The responses from the next call's on (for Describe, which does not count as a call). */
    synchronized List<StubResponse> upcoming() {
        return responses.subList(Math.min(calls, responses.size() - 1), responses.size());
    }

    synchronized void resetCount() {
        calls = 0;
    }

    @Override
    public String toString() {
        return pattern.toString();
    }
}
