package io.pgserve.sql.ast;

/** The kind of object a DROP, COMMENT or GRANT is about, with its SQL spelling. */
public enum ObjectType {
    TABLE("TABLE"), VIEW("VIEW"), MATERIALIZED_VIEW("MATERIALIZED VIEW"), INDEX("INDEX"), SEQUENCE("SEQUENCE"),
    SCHEMA("SCHEMA"), COLUMN("COLUMN"), TYPE("TYPE"), DOMAIN("DOMAIN"), DATABASE("DATABASE"), EXTENSION("EXTENSION"),
    ROLE("ROLE");

    private final String sql;

    ObjectType(String sql) {
        this.sql = sql;
    }

    /** The keywords that name this type in SQL. */
    public String sql() {
        return sql;
    }
}
