package io.pgserve.server;

/** The transaction status a session reports in ReadyForQuery. */
public enum TransactionStatus {
    /** Not in a transaction block ('I'). */
    IDLE('I'),
    /** In a transaction block ('T'). */
    IN_TRANSACTION('T'),
    /** In a failed transaction block: statements are refused until ROLLBACK ('E'). */
    FAILED('E');

    private final char indicator;

    TransactionStatus(char indicator) {
        this.indicator = indicator;
    }

    /** The byte sent in ReadyForQuery. */
    public char indicator() {
        return indicator;
    }
}
