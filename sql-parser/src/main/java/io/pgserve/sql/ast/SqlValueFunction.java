package io.pgserve.sql.ast;

/** {@code CURRENT_DATE}, {@code CURRENT_TIMESTAMP(3)}, {@code CURRENT_USER}, ...; {@code precision} may be null. */
public record SqlValueFunction(Kind kind, Integer precision, NodeLocation location) implements Expression {
    public enum Kind {
        CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP, CURRENT_ROLE, CURRENT_USER,
        SESSION_USER, USER, CURRENT_CATALOG, CURRENT_SCHEMA
    }
}
