package io.pgserve.testing;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Statement;
import io.pgserve.testing.internal.ParameterValues;
import io.pgserve.testing.internal.SqlNormalizer;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A statement the double received and ran (through a stub or the in-memory database), as the server's handler
 * saw it: one statement of a multi-statement query, or one Execute of the extended protocol.
 *
 * <pre>{@code
 * ReceivedStatement last = pg.received().get(pg.received().size() - 1);
 * assertEquals(List.of(42), last.parameters());
 * }</pre>
 */
public final class ReceivedStatement {
    private final String sql;
    private final String normalizedSql;
    private final Statement statement;
    private final List<Object> parameters;
    private final List<PgType> parameterTypes;
    private final int processId;
    private final String user;
    private final String database;
    private final String applicationName;
    private final Instant receivedAt;
    private final Stub stub;

    ReceivedStatement(String sql, List<Object> parameters, List<PgType> parameterTypes, int processId, String user,
                      String database, String applicationName, Stub stub) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.statement = SqlNormalizer.parse(sql);
        this.normalizedSql = SqlNormalizer.normalize(sql);
        this.parameters = Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        this.parameterTypes = List.copyOf(parameterTypes);
        this.processId = processId;
        this.user = user;
        this.database = database;
        this.applicationName = applicationName;
        this.receivedAt = Instant.now();
        this.stub = stub;
    }

    ReceivedStatement withStub(Stub matched) {
        return new ReceivedStatement(this, matched);
    }

    private ReceivedStatement(ReceivedStatement r, Stub matched) {
        this.sql = r.sql;
        this.statement = r.statement;
        this.normalizedSql = r.normalizedSql;
        this.parameters = r.parameters;
        this.parameterTypes = r.parameterTypes;
        this.processId = r.processId;
        this.user = r.user;
        this.database = r.database;
        this.applicationName = r.applicationName;
        this.receivedAt = r.receivedAt;
        this.stub = matched;
    }

    /** The statement's text as the client sent it (without a trailing semicolon). */
    public String sql() {
        return sql;
    }

    /** The text stubs are matched against: parsed and printed, so whitespace, comments and keyword case vanish. */
    public String normalizedSql() {
        return normalizedSql;
    }

    /** The parsed statement, or empty when it does not parse. */
    public Optional<Statement> statement() {
        return Optional.ofNullable(statement);
    }

    /** The bound parameter values, $1 first (empty for a simple query). */
    public List<Object> parameters() {
        return parameters;
    }

    /** The parameters' types, as the client declared them or the server inferred them. */
    public List<PgType> parameterTypes() {
        return parameterTypes;
    }

    /** The session's process id (BackendKeyData), telling the statements of different connections apart. */
    public int processId() {
        return processId;
    }

    public String user() {
        return user;
    }

    public String database() {
        return database;
    }

    /** The session's application_name when the statement ran ("" when unset). */
    public String applicationName() {
        return applicationName;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** The stub that answered it, or empty when the in-memory database ran it (or strict mode refused it). */
    public Optional<Stub> stub() {
        return Optional.ofNullable(stub);
    }

    @Override
    public String toString() {
        return normalizedSql + (parameters.isEmpty() ? "" : " " + ParameterValues.show(parameters))
                + " (session " + processId + ")";
    }
}
