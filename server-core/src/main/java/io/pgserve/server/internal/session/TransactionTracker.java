package io.pgserve.server.internal.session;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.TransactionStatus;
import io.pgserve.sql.RawStatement;
import io.pgserve.sql.SqlLexer;
import io.pgserve.sql.SqlToken;
import io.pgserve.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transaction status a session reports in ReadyForQuery (I, T, E), kept from the outcome of BEGIN, COMMIT,
 * ROLLBACK and the savepoint statements and from errors inside a block, with PostgreSQL's errors and warnings for
 * misuse. Updated on the network thread; the status may be read from any thread.
 */
final class TransactionTracker {
    private volatile TransactionStatus status = TransactionStatus.IDLE;
    private final List<String> savepoints = new ArrayList<>();
    /** Told when a block ends: {@code true} for a commit. */
    private final Consumer<Boolean> ended;

    TransactionTracker(Consumer<Boolean> ended) {
        this.ended = ended;
    }

    TransactionStatus status() {
        return status;
    }

    /** In a failed block only these may run: "commands ignored until end of transaction block". */
    static boolean allowedWhenFailed(StatementKind kind) {
        return kind == StatementKind.ROLLBACK || kind == StatementKind.COMMIT
                || kind == StatementKind.ROLLBACK_TO_SAVEPOINT || kind == StatementKind.TWO_PHASE;
    }

    static PgException inFailedTransaction() {
        return new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                "current transaction is aborted, commands ignored until end of transaction block");
    }

    /** @throws PgException 25P02 when the block has failed and {@code kind} may not run */
    void checkAllowed(StatementKind kind) {
        if (status == TransactionStatus.FAILED && !allowedWhenFailed(kind)) {
            throw inFailedTransaction();
        }
    }

    /** Checks a transaction-control statement before it runs (savepoints need a block, and must exist). */
    void validate(RawStatement st, Consumer<PgException> notices) {
        switch (st.kind()) {
            case SAVEPOINT:
                if (status == TransactionStatus.IDLE) {
                    throw noBlock("SAVEPOINT");
                }
                break;
            case RELEASE_SAVEPOINT:
                if (status == TransactionStatus.IDLE) {
                    throw noBlock("RELEASE SAVEPOINT");
                }
                find(savepointName(st));
                break;
            case ROLLBACK_TO_SAVEPOINT:
                if (status == TransactionStatus.IDLE) {
                    throw noBlock("ROLLBACK TO SAVEPOINT");
                }
                find(savepointName(st));
                break;
            case COMMIT: case ROLLBACK:
                if (status == TransactionStatus.IDLE && andChain(st)) {
                    throw noBlock(st.kind() == StatementKind.COMMIT ? "COMMIT AND CHAIN" : "ROLLBACK AND CHAIN");
                }
                break;
            default:
                break;
        }
    }

    /**
     * Applies a successful transaction-control statement to the status and to the session parameters' undo log,
     * and returns the command tag PostgreSQL reports (COMMIT of a failed block reports ROLLBACK).
     */
    String apply(RawStatement st, SessionParameters parameters, Consumer<PgException> notices) {
        switch (st.kind()) {
            case BEGIN:
                if (status == TransactionStatus.IDLE) {
                    begin(parameters);
                } else {
                    notices.accept(warning(SqlState.ACTIVE_SQL_TRANSACTION,
                            "there is already a transaction in progress"));
                }
                return st.commandTag();
            case COMMIT: case ROLLBACK: {
                boolean chain = andChain(st);
                String tag = st.kind() == StatementKind.COMMIT && status != TransactionStatus.FAILED
                        ? "COMMIT" : "ROLLBACK";
                if (status == TransactionStatus.IDLE) {
                    notices.accept(warning(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                            "there is no transaction in progress"));
                    return tag;
                }
                if (tag.equals("COMMIT")) {
                    parameters.commit();
                } else {
                    parameters.rollback();
                }
                status = TransactionStatus.IDLE;
                savepoints.clear();
                ended.accept(tag.equals("COMMIT"));
                if (chain) {
                    begin(parameters);
                }
                return tag;
            }
            case SAVEPOINT:
                savepoints.add(savepointName(st));
                parameters.savepoint();
                return "SAVEPOINT";
            case RELEASE_SAVEPOINT: {
                int index = find(savepointName(st));
                int count = savepoints.size() - index;
                savepoints.subList(index, savepoints.size()).clear();
                parameters.release(count);
                return "RELEASE";
            }
            case ROLLBACK_TO_SAVEPOINT: {
                int index = find(savepointName(st));
                int depth = savepoints.size() - 1 - index;
                savepoints.subList(index + 1, savepoints.size()).clear();
                parameters.rollbackTo(depth);
                status = TransactionStatus.IN_TRANSACTION;
                return "ROLLBACK";
            }
            default:
                return st.commandTag();
        }
    }

    private void begin(SessionParameters parameters) {
        status = TransactionStatus.IN_TRANSACTION;
        savepoints.clear();
        parameters.beginTransaction();
    }

    /** A statement failed: an open block becomes failed (an implicit transaction simply ends). */
    void failed(StatementKind kind) {
        if (status == TransactionStatus.IN_TRANSACTION) {
            status = TransactionStatus.FAILED;
        }
    }

    /** Ends the block whatever its state (a COMMIT that failed; a session reset). */
    void forceIdle(SessionParameters parameters) {
        if (status != TransactionStatus.IDLE) {
            parameters.rollback();
            ended.accept(false);
        }
        status = TransactionStatus.IDLE;
        savepoints.clear();
    }

    private int find(String name) {
        int index = savepoints.lastIndexOf(name);
        if (index < 0) {
            throw new PgException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
                    "savepoint \"" + name + "\" does not exist");
        }
        return index;
    }

    /** The savepoint's name: the statement's last token (folded unless quoted). */
    private static String savepointName(RawStatement st) {
        List<SqlToken> tokens = SqlLexer.tokenize(st.sql());
        SqlToken last = tokens.get(tokens.size() - 1);
        if (tokens.size() < 2 || (last.type() != SqlToken.Type.WORD
                && last.type() != SqlToken.Type.QUOTED_IDENTIFIER)) {
            throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return last.text();
    }

    private static boolean andChain(RawStatement st) {
        String sql = st.sql();
        if (!mentionsChain(sql)) {
            return false; // the common COMMIT / END / ROLLBACK: no need to lex
        }
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        int n = tokens.size();
        return n >= 3 && tokens.get(n - 1).isWord("chain") && tokens.get(n - 2).isWord("and");
    }

    private static boolean mentionsChain(String sql) {
        for (int i = sql.length() - 5; i >= 0; i--) {
            if (sql.regionMatches(true, i, "chain", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    private static PgException noBlock(String what) {
        return new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " can only be used in transaction blocks");
    }

    private static PgException warning(String code, String message) {
        return PgException.builder(code, message).severity(PgException.Severity.WARNING).build();
    }
}
