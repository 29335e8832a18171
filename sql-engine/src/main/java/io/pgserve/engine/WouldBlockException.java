package io.pgserve.engine;

/**
 * A statement running on a network thread reached something that must wait or may take long: a row lock or unique
 * key held by another transaction, a sleep, more rows than a quick statement reads. The engine then undoes the
 * statement ({@link Transaction#undoStatement()}) and runs it again on a worker thread, where waiting is allowed.
 *
 * <p>A catalog that is not blocking ({@link Catalog#isBlocking()} false) throws it where it would otherwise wait,
 * while a statement started with {@link Transaction#startStatement(boolean) startStatement(false)} runs:
 *
 * <pre>{@code
 * if (!mayWait) {
 *     throw WouldBlockException.INSTANCE; // before waiting; what this statement wrote is undone by undoStatement
 * }
 * lock.await();
 * }</pre>
 */
public final class WouldBlockException extends RuntimeException {
    /** The one instance: it carries no stack trace and no message, and costs nothing to throw. */
    public static final WouldBlockException INSTANCE = new WouldBlockException();

    private WouldBlockException() {
        super("the statement must move to a worker thread", null, false, false);
    }

    /** Whether {@code t}, or one of its causes, is this exception. */
    public static boolean isCause(Throwable t) {
        for (int guard = 0; t != null && guard < 32; guard++, t = t.getCause()) {
            if (t == INSTANCE) {
                return true;
            }
        }
        return false;
    }
}
