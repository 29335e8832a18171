package io.pgserve.testing;

import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.Statement;
import io.pgserve.testing.internal.ParameterValues;
import io.pgserve.testing.internal.SqlNormalizer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which statements a {@link Stub} answers or a verification counts: by normalized SQL, by a regular expression,
 * or by a predicate on the parsed statement; optionally also by the bound parameter values. Immutable; made with
 * {@link Stubbing#sql}, {@link Stubbing#sqlMatching} and {@link Stubbing#statementWhere}.
 *
 * <pre>{@code
 * sql("select name from users where id = $1").withParameters(42)        // any spacing, case or comments
 * sqlMatching("(?i)insert into audit_log.*")                             // the text as sent, find()
 * statementWhere("any DELETE", st -> st instanceof io.pgserve.sql.ast.Delete)
 * }</pre>
 */
public final class StatementPattern {
    private enum Kind { SQL, REGEX, AST }

    private final Kind kind;
    private final String description;
    private final String normalizedSql;
    private final Pattern regex;
    private final Predicate<Statement> predicate;
    private final List<Object> parameters;
    private final Predicate<List<Object>> parameterPredicate;
    private final String parameterDescription;
    private final List<PgType> parameterTypes;

    private StatementPattern(Kind kind, String description, String normalizedSql, Pattern regex,
                             Predicate<Statement> predicate, List<Object> parameters,
                             Predicate<List<Object>> parameterPredicate, String parameterDescription,
                             List<PgType> parameterTypes) {
        this.kind = kind;
        this.description = description;
        this.normalizedSql = normalizedSql;
        this.regex = regex;
        this.predicate = predicate;
        this.parameters = parameters;
        this.parameterPredicate = parameterPredicate;
        this.parameterDescription = parameterDescription;
        this.parameterTypes = parameterTypes;
    }

    static StatementPattern sql(String sql) {
        Objects.requireNonNull(sql, "sql");
        String normalized = SqlNormalizer.normalize(sql);
        return new StatementPattern(Kind.SQL, "sql(\"" + normalized + "\")", normalized, null, null, null, null,
                null, null);
    }

    static StatementPattern regex(String regex) {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        return new StatementPattern(Kind.REGEX, "sqlMatching(\"" + regex + "\")", null, p, null, null, null, null,
                null);
    }

    static StatementPattern where(String description, Predicate<Statement> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new StatementPattern(Kind.AST, "statementWhere(" + description + ")", null, null, predicate, null,
                null, null, null);
    }

    /** Also requires exactly these parameter values ($1 first); numbers compare by value, others by text. */
    public StatementPattern withParameters(Object... values) {
        List<Object> expected = Arrays.asList(values.clone());
        return new StatementPattern(kind, description, normalizedSql, regex, predicate, expected, null,
                ParameterValues.show(expected), parameterTypes);
    }

    /** Also requires the parameter values to pass {@code test}; {@code description} names it in reports. */
    public StatementPattern withParametersWhere(String description, Predicate<List<Object>> test) {
        Objects.requireNonNull(test, "test");
        return new StatementPattern(kind, this.description, normalizedSql, regex, predicate, null, test,
                description, parameterTypes);
    }

    /**
     * The parameter types a stub reports when a client asks to describe the statement (Describe of a prepared
     * statement) and does not declare them itself; by default the server infers them from the SQL ({@code $1::int},
     * else text).
     */
    public StatementPattern withParameterTypes(PgType... types) {
        return new StatementPattern(kind, description, normalizedSql, regex, predicate, parameters,
                parameterPredicate, parameterDescription, List.of(types));
    }

    /**
     * A stub answering the matching statements with {@code first}, the next call with the next response, and so
     * on; the last response answers every call after it.
     */
    public Stub willReturn(StubResponse first, StubResponse... then) {
        return new Stub(this, first, then);
    }

    /**
     * A stub whose response is computed for each call from the statement received (its parameters, its session),
     * e.g. to answer from the in-memory database's state or to echo a parameter. Also called, with every parameter
     * NULL and without counting a call, when a client asks to describe the statement.
     *
     * <pre>{@code
     * sql("SELECT name FROM users WHERE id = $1").willAnswer(st ->
     *         rows(column("name", PgType.TEXT)).row("user " + st.parameters().get(0)))
     * }</pre>
     */
    public Stub willAnswer(java.util.function.Function<ReceivedStatement, StubResponse> answer) {
        return new Stub(this, answer);
    }

    /** Whether {@code statement} matches, parameters included. */
    public boolean matches(ReceivedStatement statement) {
        return matchesText(statement) && matchesParameters(statement.parameters());
    }

    boolean matchesText(ReceivedStatement s) {
        switch (kind) {
            case SQL:
                return normalizedSql.equals(s.normalizedSql());
            case REGEX:
                return regex.matcher(s.sql()).find();
            default:
                return s.statement().map(predicate::test).orElse(false);
        }
    }

    boolean matchesParameters(List<Object> actual) {
        if (parameters != null) {
            return ParameterValues.equal(parameters, actual);
        }
        return parameterPredicate == null || parameterPredicate.test(actual);
    }

    boolean hasParameterCondition() {
        return parameters != null || parameterPredicate != null;
    }

    List<PgType> parameterTypes() {
        return parameterTypes;
    }

    /**
     * How far {@code s} is from matching: 0 for a match, up to 1; and why it does not match, for near-miss
     * reports.
     */
    NearMiss nearMiss(ReceivedStatement s) {
        boolean text = matchesText(s);
        if (text) {
            if (matchesParameters(s.parameters())) {
                return new NearMiss(0, "matches");
            }
            String why = parameters != null ? ParameterValues.difference(parameters, s.parameters())
                    : "parameters " + ParameterValues.show(s.parameters()) + " fail " + parameterDescription;
            return new NearMiss(0.05, "parameters differ: " + why);
        }
        switch (kind) {
            case SQL:
                double d = SqlNormalizer.dissimilarity(normalizedSql, s.normalizedSql());
                return new NearMiss(0.1 + 0.9 * d, "SQL differs: expected\n        " + normalizedSql
                        + "\n      but was\n        " + s.normalizedSql());
            case REGEX:
                return new NearMiss(0.9, "does not match /" + regex.pattern() + "/");
            default:
                return new NearMiss(0.95, s.statement().isPresent() ? "predicate is false"
                        : "statement does not parse");
        }
    }

    /** How close a statement came to a pattern: {@code distance} 0 (a match) to 1. */
    record NearMiss(double distance, String reason) {
    }

    @Override
    public String toString() {
        return parameterDescription == null ? description
                : description + (parameters != null ? ".withParameters" + parameterDescription
                        : ".withParametersWhere(" + parameterDescription + ")");
    }
}
