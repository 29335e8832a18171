package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'label' [BEFORE | AFTER 'neighbor']} and
 * {@code ALTER TYPE name RENAME VALUE 'label' TO 'newLabel'}.
 *
 * @param newLabel  for RENAME VALUE the new label; null for ADD VALUE
 * @param neighbor  for ADD VALUE ... BEFORE/AFTER the existing label; else null
 * @param after     whether the neighbor is AFTER (else BEFORE)
 */
public record AlterEnumType(List<Identifier> name, String label, String newLabel, boolean ifNotExists,
                            String neighbor, boolean after, NodeLocation location) implements Statement {
    public AlterEnumType {
        name = List.copyOf(name);
    }

    /** Whether this is RENAME VALUE (else ADD VALUE). */
    public boolean isRename() {
        return newLabel != null;
    }
}
