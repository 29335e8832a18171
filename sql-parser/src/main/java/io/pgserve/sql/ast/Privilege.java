package io.pgserve.sql.ast;

import java.util.List;

/**
 * A privilege of GRANT/REVOKE in lower case ({@code select}, {@code usage}, ...), with columns; null for
 * {@code ALL (columns)}.
 */
public record Privilege(String name, List<Identifier> columns, NodeLocation location) implements Node {
    public Privilege {
        columns = List.copyOf(columns);
    }
}
