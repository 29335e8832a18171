package io.pgserve.examples.bridge;

import io.pgserve.server.Column;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.RowStream;
import io.pgserve.server.SessionContext;
import io.pgserve.server.SqlState;
import io.pgserve.server.TransactionMode;
import io.pgserve.sql.StatementKind;
import io.pgserve.sql.ast.OtherStatement;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.TransactionStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client session on the engine: each statement is translated to the engine's dialect and run as a JDBC prepared
 * statement on a pooled connection; inside a transaction the session keeps one connection (auto-commit off) until
 * COMMIT or ROLLBACK. Rows stream from the ResultSet as the client reads them.
 */
final class BridgeSession implements QueryHandler {
    private final Bridge bridge;
    private final EngineDialect dialect;
    /** The connection of the open transaction (block or implicit), or null. */
    private Connection tx;
    private boolean block;
    private boolean failed;
    private boolean schemaChanged;
    private final Map<String, Savepoint> savepoints = new LinkedHashMap<>();

    private final SessionContext session;

    BridgeSession(Bridge bridge, SessionContext session) {
        this.bridge = bridge;
        this.session = session;
        this.dialect = bridge.dialect();
    }

    @Override
    public boolean handles(StatementKind kind) {
        return kind.isTransactionControl() || !kind.isServedBySession();
    }

    @Override
    public QueryResult execute(Query query) throws Exception {
        Statement st = query.statement();
        if (st instanceof TransactionStatement t) {
            return transactionControl(t);
        }
        if (failed) {
            throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        // a statement the grammar does not cover is the engine's own (PRAGMA, ATTACH...): passed as written
        String sql = st instanceof OtherStatement ? query.sql() : dialect.translate(st);
        if (tx == null && query.transactionMode() == TransactionMode.IMPLICIT) {
            begin();
        }
        Connection c = tx != null ? tx : bridge.pool().acquire();
        boolean own = c != tx;
        try {
            QueryResult r = run(c, own, sql, query);
            if (query.kind() == StatementKind.DDL) {
                if (own) {
                    bridge.refresh();
                } else {
                    schemaChanged = true;
                }
            }
            return r;
        } catch (SQLException | RuntimeException e) {
            if (own) {
                bridge.pool().release(c);
            } else if (block) {
                failed = true;
            }
            throw e instanceof SQLException s ? bridge.error(s, query) : e;
        }
    }

    private QueryResult run(Connection c, boolean own, String sql, Query query) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            query.onCancel(() -> {
                try {
                    ps.cancel();
                } catch (SQLException | RuntimeException e) {
                    // the statement ended already
                }
            });
            List<Object> params = query.parameters();
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v == null) {
                    ps.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    ps.setObject(i + 1, dialect.parameter(v));
                }
            }
            ps.setFetchSize(512);
            if (!ps.execute()) {
                long n = Math.max(0, ps.getUpdateCount());
                ps.close();
                if (own) {
                    bridge.pool().release(c);
                }
                return QueryResult.TAGS_WITH_ROW_COUNT.contains(query.commandTag())
                        ? QueryResult.command(query.commandTag(), n) : QueryResult.command(query.commandTag());
            }
            return rows(c, own, ps, ps.getResultSet(), query);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The rows of a ResultSet, read one at a time as the client takes them. */
    private QueryResult rows(Connection c, boolean own, PreparedStatement ps, ResultSet rs, Query query)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        EngineDialect.PgColumnType[] types = new EngineDialect.PgColumnType[n];
        boolean untyped = false;
        List<EngineDialect.PgColumnType> hints = EngineDialect.typeHints(query.statement());
        for (int i = 0; i < n; i++) {
            types[i] = dialect.resultType(md.getColumnTypeName(i + 1), md.getColumnType(i + 1),
                    hints != null && hints.size() == n ? hints.get(i) : null);
            untyped |= types[i] == null;
        }
        Object[] firstRaw = null;
        boolean more = true;
        if (untyped) { // SQLite: an expression has no declared type; the first row's values give it one
            more = rs.next();
            for (int i = 0; i < n; i++) {
                if (types[i] == null) {
                    types[i] = SqliteDialect.storageClass(more ? rs.getObject(i + 1) : null);
                }
            }
            if (more) {
                firstRaw = readRow(rs, types);
            }
        }
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new Column(md.getColumnLabel(i + 1), types[i].type(), types[i].typeModifier(), 0, (short) 0));
        }
        Object[] first = firstRaw;
        boolean exhausted = untyped && !more;
        RowStream stream = new RowStream() {
            Object[] pending = first;
            boolean done = exhausted;

            @Override
            public Object[] next() throws Exception {
                if (pending != null) {
                    Object[] row = pending;
                    pending = null;
                    return row;
                }
                if (done) {
                    return null;
                }
                try {
                    if (!rs.next()) {
                        done = true;
                        return null;
                    }
                    return readRow(rs, types);
                } catch (SQLException e) {
                    if (!own && block) {
                        failed = true;
                    }
                    throw bridge.error(e, query);
                }
            }

            @Override
            public void close() {
                try {
                    rs.close();
                    ps.close();
                } catch (SQLException e) {
                    // closing anyway
                } finally {
                    if (own) {
                        bridge.pool().release(c);
                    }
                }
            }
        };
        String tag = query.kind() == StatementKind.SELECT || query.kind() == StatementKind.VALUES
                || query.kind() == StatementKind.TABLE ? "SELECT" : query.commandTag();
        return new QueryResult.Rows(columns, stream, tag);
    }

    private Object[] readRow(ResultSet rs, EngineDialect.PgColumnType[] types) throws SQLException {
        Object[] row = new Object[types.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = dialect.value(rs, i + 1, types[i]);
        }
        return row;
    }

    private QueryResult transactionControl(TransactionStatement t) throws Exception {
        switch (t.kind()) {
            case BEGIN, START -> { // the server sends PostgreSQL's warnings for a misplaced BEGIN, COMMIT, ROLLBACK
                if (!block) {
                    if (tx == null) {
                        begin();
                    }
                    block = true;
                }
                return QueryResult.command(t.kind() == TransactionStatement.Kind.START ? "START TRANSACTION" : "BEGIN");
            }
            case COMMIT -> {
                if (tx == null) {
                    return QueryResult.command("COMMIT");
                }
                if (failed) {
                    end(false);
                    return QueryResult.command("ROLLBACK");
                }
                end(true);
                return QueryResult.command("COMMIT");
            }
            case ROLLBACK -> {
                if (tx != null) {
                    end(false);
                }
                return QueryResult.command("ROLLBACK");
            }
            case SAVEPOINT, RELEASE, ROLLBACK_TO -> {
                // The server has checked PostgreSQL's rules before: a block is open (else 25P01), it has not failed
                // unless this is ROLLBACK TO (else 25P02), and a savepoint released or rolled back to exists (3B001).
                String name = t.savepoint().value();
                try {
                    savepoint(t.kind(), name);
                } catch (java.sql.SQLFeatureNotSupportedException e) {
                    failed = true;
                    throw dialect.unsupported("SAVEPOINT");
                } catch (SQLException e) {
                    failed = true;
                    throw bridge.error(e, null);
                }
                return QueryResult.command(switch (t.kind()) {
                    case SAVEPOINT -> "SAVEPOINT";
                    case RELEASE -> "RELEASE";
                    default -> "ROLLBACK";
                });
            }
            default -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "two-phase commit is not supported");
        }
    }

    private void savepoint(TransactionStatement.Kind kind, String name) throws SQLException {
        if (kind == TransactionStatement.Kind.SAVEPOINT) {
            savepoints.remove(name);
            savepoints.put(name, tx.setSavepoint(name));
            return;
        }
        Savepoint sp = savepoints.get(name);
        if (sp == null) {
            throw new PgException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \"" + name + "\" does not exist");
        }
        if (kind == TransactionStatement.Kind.RELEASE) {
            tx.releaseSavepoint(sp);
        } else {
            tx.rollback(sp);
            failed = false;
        }
        // the savepoints set after this one are gone (and this one too when released)
        boolean after = false;
        for (var it = savepoints.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (after || e.getKey().equals(name) && kind == TransactionStatement.Kind.RELEASE) {
                it.remove();
            }
            after |= e.getKey().equals(name);
        }
    }

    private void begin() throws Exception {
        Connection c = bridge.pool().acquire();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            bridge.pool().release(c);
            throw bridge.error(e, null);
        }
        tx = c;
    }

    /** Commits or rolls back the open transaction and gives its connection back. */
    private void end(boolean commit) throws Exception {
        Connection c = tx;
        tx = null;
        block = false;
        failed = false;
        savepoints.clear();
        try {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw bridge.error(e, null);
        } finally {
            bridge.pool().release(c);
            if (schemaChanged) {
                schemaChanged = false;
                bridge.refresh();
            }
        }
    }

    @Override
    public void endImplicitTransaction(boolean commit) throws Exception {
        if (tx != null && !block) {
            end(commit);
        }
    }

    @Override
    public void close() {
        if (tx != null) {
            Connection c = tx;
            tx = null;
            bridge.pool().release(c); // rolls back
        }
    }
}
