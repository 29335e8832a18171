package io.pgserve.sql.ast;

import java.util.List;

/**
 * An option of CREATE/ALTER SEQUENCE or of an identity column: {@code name} is one of {@code as}, {@code cache},
 * {@code cycle}, {@code no cycle}, {@code increment}, {@code maxvalue}, {@code no maxvalue}, {@code minvalue},
 * {@code no minvalue}, {@code owned by}, {@code sequence name}, {@code start}, {@code restart}.
 *
 * @param value a number ({@code cache}, {@code increment}, {@code maxvalue}, {@code minvalue}, {@code start},
 *              {@code restart}; null for RESTART without a value)
 * @param type  the type of {@code AS}
 * @param names the name of {@code OWNED BY} and {@code SEQUENCE NAME}
 */
public record SequenceOption(String name, NumericLiteral value, TypeName type, List<Identifier> names, NodeLocation location) implements Node {
    public SequenceOption {
        names = List.copyOf(names);
    }
}
