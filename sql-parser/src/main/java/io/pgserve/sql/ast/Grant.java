package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code GRANT privileges ON objects TO grantees [WITH GRANT OPTION] [GRANTED BY role]} or ({@code grant} false)
 * {@code REVOKE [GRANT OPTION FOR] privileges ON objects FROM grantees [CASCADE]}, on tables, sequences,
 * schemas, databases, types, domains, and on all tables or sequences in schemas.
 *
 * @param privileges   the privileges; empty for ALL [PRIVILEGES] without columns
 * @param objectType   TABLE, SEQUENCE, SCHEMA, DATABASE, TYPE or DOMAIN
 * @param allInSchema  {@code ALL TABLES | SEQUENCES IN SCHEMA schemas}: {@code objects} are the schemas
 * @param grantees     role names; PUBLIC, CURRENT_USER, SESSION_USER, CURRENT_ROLE are unquoted lower-case names
 */
public record Grant(boolean grant, boolean grantOptionFor, List<Privilege> privileges, ObjectType objectType, boolean allInSchema, List<List<Identifier>> objects, List<Identifier> grantees, boolean withGrantOption, Identifier grantedBy, boolean cascade, NodeLocation location) implements Statement {
    public Grant {
        privileges = List.copyOf(privileges);
        objects = List.copyOf(objects);
        grantees = List.copyOf(grantees);
    }
}
