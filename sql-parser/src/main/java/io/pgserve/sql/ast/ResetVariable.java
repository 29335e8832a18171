package io.pgserve.sql.ast;

/**
 * {@code RESET name} ({@code all} for RESET ALL; RESET TIME ZONE is timezone, RESET TRANSACTION ISOLATION LEVEL
 * is transaction_isolation, RESET SESSION AUTHORIZATION is session_authorization).
 */
public record ResetVariable(String name, NodeLocation location) implements Statement {
}
