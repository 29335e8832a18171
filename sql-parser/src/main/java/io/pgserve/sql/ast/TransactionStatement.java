package io.pgserve.sql.ast;

import java.util.List;

/**
 * A transaction control statement. ABORT is ROLLBACK and END is COMMIT, as in PostgreSQL; BEGIN and START
 * TRANSACTION differ only in their command tag.
 *
 * @param modes     the modes of BEGIN and START TRANSACTION
 * @param chain     {@code AND CHAIN} of COMMIT and ROLLBACK
 * @param savepoint the savepoint of SAVEPOINT, RELEASE and ROLLBACK TO
 * @param gid       the transaction id of PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED
 */
public record TransactionStatement(Kind kind, List<TransactionMode> modes, boolean chain, Identifier savepoint, String gid, NodeLocation location) implements Statement {
    public TransactionStatement {
        modes = List.copyOf(modes);
    }

    public enum Kind { BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED, ROLLBACK_PREPARED }
}
