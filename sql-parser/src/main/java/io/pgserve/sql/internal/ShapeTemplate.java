package io.pgserve.sql.internal;

import io.pgserve.sql.ast.BitStringLiteral;
import io.pgserve.sql.ast.NodeLocation;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.Statement;
import io.pgserve.sql.ast.StringLiteral;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statements parsed from one text, compiled so that the statements of another text of the same
 * {@linkplain SqlShape shape} can be made without parsing: each literal node gets the other text's literal value,
 * and every {@link NodeLocation} after a literal is moved by the difference in length, lines and columns.
 *
 * <pre>{@code
 * ShapeTemplate t = ShapeTemplate.compile(shape, SqlParser.parseAll(sql), decoder, SqlParser::parseAll);
 * List<Statement> other = t == null ? null : t.instantiate(SqlShape.scan(otherSql)); // same key required
 * }</pre>
 *
 * <p>A text is templatable when each of its literals is the text of exactly one literal node ({@link
 * NumericLiteral}, {@link StringLiteral}, {@link BitStringLiteral}) located at the literal, or at a minus sign
 * just before a number that the parser folded into it ({@code -2}), whose value is what the parser derives from the
 * literal's text. A literal the parser used otherwise (array bounds, {@code float(p)}, {@code CURRENT_TIME(p)},
 * {@code UESCAPE}, the text of an {@code OtherStatement}, a {@code DO} body, ...) has no such node, and the text
 * is not templatable. A new template is checked twice before it is used: its own literals must give back the
 * parsed tree, and a variant with other literals (other lengths, a newline in each string) must give exactly what
 * the parser gives for that variant, locations included.
 */
public final class ShapeTemplate {
    /** The values the parser gives literal nodes, from the literal's text. */
    public interface LiteralDecoder {
        /** The value of a {@code '...'}, {@code E'...'} or dollar-quoted string. */
        String string(String text);

        /** The value of a {@code U&'...'} string (default escape character). */
        String unicodeString(String text);

        /** The value of a {@code B'...'} or {@code X'...'} literal. */
        String bitString(String text);
    }

    private static final RuntimeException UNDECODABLE = new RuntimeException("literal not decodable", null, false, false) {
    };

    private final SqlShape shape;
    private final LiteralDecoder decoder;
    private final Part[] statements;

    private ShapeTemplate(SqlShape shape, LiteralDecoder decoder, Part[] statements) {
        this.shape = shape;
        this.decoder = decoder;
        this.statements = statements;
    }

    /** The shape of the text the template was parsed from. */
    public SqlShape shape() {
        return shape;
    }

    /**
     * A template of {@code parsed} (the statements of {@code shape.text()}), or null when the text is not
     * templatable or the template fails its checks; {@code parser} parses the check's variant text.
     */
    public static ShapeTemplate compile(SqlShape shape, List<Statement> parsed, LiteralDecoder decoder,
            Function<String, List<Statement>> parser) {
        Map<Object, Integer> literals = mapLiterals(shape, parsed, decoder);
        if (literals == null) {
            return null;
        }
        Part[] parts = new Part[parsed.size()];
        try {
            Compiler compiler = new Compiler(shape, literals);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = compiler.compile(parsed.get(i));
            }
        } catch (NotTemplatable e) {
            return null;
        }
        ShapeTemplate template = new ShapeTemplate(shape, decoder, parts);
        List<Statement> same = template.instantiate(shape);
        if (same == null || !TreeEquality.equalWithLocations(same, parsed)) {
            return null;
        }
        SqlShape variant = SqlShape.scan(variantText(shape));
        if (variant == null || !variant.key().equals(shape.key())) {
            return null;
        }
        List<Statement> expected;
        try {
            expected = parser.apply(variant.text());
        } catch (RuntimeException e) {
            return null;
        }
        List<Statement> made = template.instantiate(variant);
        if (made == null || !TreeEquality.equalWithLocations(made, expected)) {
            return null;
        }
        return template;
    }

    /**
     * The statements of {@code target.text()}, whose key must equal this template's, or null when one of its
     * literals cannot be decoded or a node cannot be made (the caller parses the text, which then reports the
     * error).
     */
    public List<Statement> instantiate(SqlShape target) {
        Build build = new Build(target);
        Statement[] out = new Statement[statements.length];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = (Statement) statements[i].build(build);
            }
        } catch (RuntimeException e) {
            // UNDECODABLE, or a record that refuses a value: the parser will say what is wrong.
            return null;
        }
        return List.of(out);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Which node each literal is

    /**
     * For each literal node that is the text of a scanned literal, the literal's index (negative, -1 - index, when
     * a minus sign was folded into it); null when some literal is not exactly one node.
     */
    private static Map<Object, Integer> mapLiterals(SqlShape shape, List<Statement> parsed, LiteralDecoder decoder) {
        Map<Integer, List<Object>> byOffset = new HashMap<>();
        try {
            collectLiteralNodes(parsed, byOffset);
        } catch (NotTemplatable e) {
            return null;
        }
        Map<Object, Integer> mapped = new IdentityHashMap<>();
        String text = shape.text();
        for (int k = 0; k < shape.count; k++) {
            String literal = shape.literal(k);
            String value;
            try {
                value = decode(decoder, shape.kind[k], literal);
            } catch (RuntimeException e) {
                return null;
            }
            Object found = null;
            int matches = 0;
            for (Object node : byOffset.getOrDefault(shape.cpStart[k], List.of())) {
                if (!matchesKind(node, shape.kind[k]) || !value.equals(valueOf(node))) {
                    return null;
                }
                found = node;
                matches++;
            }
            boolean negated = false;
            int p = shape.start[k] - 1;
            while (p >= 0 && isSpace(text.charAt(p))) {
                p--;
            }
            if (p >= 0 && text.charAt(p) == '-' && (shape.kind[k] == SqlShape.INTEGER || shape.kind[k] == SqlShape.DECIMAL)) {
                int cpMinus = shape.cpStart[k] - (shape.start[k] - p);
                for (Object node : byOffset.getOrDefault(cpMinus, List.of())) {
                    if (node instanceof NumericLiteral n && n.value().equals("-" + value)) {
                        found = node;
                        negated = true;
                        matches++;
                    }
                }
            }
            if (matches != 1 || mapped.containsKey(found)) {
                return null;
            }
            mapped.put(found, negated ? -1 - k : k);
        }
        return mapped;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean matchesKind(Object node, char kind) {
        return switch (kind) {
            case SqlShape.INTEGER, SqlShape.DECIMAL -> node instanceof NumericLiteral;
            case SqlShape.STRING, SqlShape.UNICODE_STRING -> node instanceof StringLiteral;
            default -> node instanceof BitStringLiteral;
        };
    }

    private static String valueOf(Object node) {
        if (node instanceof NumericLiteral n) {
            return n.value();
        } else if (node instanceof StringLiteral s) {
            return s.value();
        }
        return ((BitStringLiteral) node).value();
    }

    private static boolean isLiteralNode(Object o) {
        return o instanceof NumericLiteral || o instanceof StringLiteral || o instanceof BitStringLiteral;
    }

    private static void collectLiteralNodes(Object v, Map<Integer, List<Object>> byOffset) {
        if (v == null || v instanceof NodeLocation) {
            return;
        }
        if (isLiteralNode(v)) {
            NodeLocation l = v instanceof NumericLiteral n ? n.location()
                    : v instanceof StringLiteral s ? s.location() : ((BitStringLiteral) v).location();
            byOffset.computeIfAbsent(l.offset(), x -> new ArrayList<>(1)).add(v);
        } else if (v.getClass().isRecord()) {
            RecordAccess access = RecordAccess.of(v.getClass());
            for (int i = 0; i < access.size(); i++) {
                collectLiteralNodes(access.get(v, i), byOffset);
            }
        } else if (v instanceof List<?> list) {
            for (Object e : list) {
                collectLiteralNodes(e, byOffset);
            }
        } else if (v instanceof Optional<?> o) {
            collectLiteralNodes(o.orElse(null), byOffset);
        } else if (!isValue(v)) {
            throw new NotTemplatable();
        }
    }

    /** Immutable values that hold no node. */
    private static boolean isValue(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum<?>;
    }

    private static String decode(LiteralDecoder decoder, char kind, String text) {
        return switch (kind) {
            case SqlShape.INTEGER, SqlShape.DECIMAL -> text;
            case SqlShape.STRING -> decoder.string(text);
            case SqlShape.UNICODE_STRING -> decoder.unicodeString(text);
            default -> decoder.bitString(text);
        };
    }

    /**
     * The template's text with each literal replaced by another of the same kind, of another length; strings hold
     * a newline and a doubled quote.
     */
    static String variantText(SqlShape shape) {
        String text = shape.text();
        StringBuilder sb = new StringBuilder(text.length() + shape.count * 8);
        int from = 0;
        for (int k = 0; k < shape.count; k++) {
            sb.append(text, from, shape.start[k]);
            String old = shape.literal(k);
            String[] choices = switch (shape.kind[k]) {
                case SqlShape.INTEGER -> new String[] {"12345", "7"};
                case SqlShape.DECIMAL -> new String[] {"12.5", "0.25"};
                case SqlShape.STRING -> new String[] {"'p''q\nr'", "'z'"};
                case SqlShape.UNICODE_STRING -> new String[] {"U&'p\nq'", "U&'z'"};
                case SqlShape.BIT_STRING -> new String[] {"B'101'", "B'0'"};
                default -> new String[] {"X'ABC'", "X'0'"};
            };
            sb.append(choices[0].equals(old) ? choices[1] : choices[0]);
            from = shape.end[k];
        }
        return sb.append(text, from, text.length()).toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Compiled trees

    private static final class NotTemplatable extends RuntimeException {
        NotTemplatable() {
            super(null, null, false, false);
        }
    }

    /** The state of one instantiation: the target text's literals, decoded once each. */
    private final class Build {
        final SqlShape target;
        final String[] values;

        Build(SqlShape target) {
            this.target = target;
            this.values = new String[target.count];
        }

        String value(int k) {
            String v = values[k];
            if (v == null) {
                try {
                    v = decode(decoder, target.kind[k], target.literal(k));
                } catch (RuntimeException e) {
                    throw UNDECODABLE;
                }
                values[k] = v;
            }
            return v;
        }

        /** The location that a template location after literal k (on the same line as its end or not) moves to. */
        NodeLocation location(NodeLocation old, int k, boolean sameLine) {
            int offset = old.offset() - shape.cpEnd[k] + target.cpEnd[k];
            int line = old.line() - shape.lineAtEnd[k] + target.lineAtEnd[k];
            int column = sameLine ? old.column() - shape.colAtEnd[k] + target.colAtEnd[k] : old.column();
            if (offset == old.offset() && line == old.line() && column == old.column()) {
                return old;
            }
            return new NodeLocation(offset, line, column);
        }
    }

    private abstract static class Part {
        abstract Object build(Build b);
    }

    private static final class Const extends Part {
        final Object value;

        Const(Object value) {
            this.value = value;
        }

        @Override
        Object build(Build b) {
            return value;
        }
    }

    private static final class Location extends Part {
        final NodeLocation template;
        final int literal;
        final boolean sameLine;

        Location(NodeLocation template, int literal, boolean sameLine) {
            this.template = template;
            this.literal = literal;
            this.sameLine = sameLine;
        }

        @Override
        Object build(Build b) {
            return b.location(template, literal, sameLine);
        }
    }

    private static final class Value extends Part {
        final int literal;
        final boolean negated;

        Value(int literal, boolean negated) {
            this.literal = literal;
            this.negated = negated;
        }

        @Override
        Object build(Build b) {
            String v = b.value(literal);
            return negated ? "-" + v : v;
        }
    }

    private static final class Rec extends Part {
        final RecordAccess access;
        final Object template;
        final Object[] templateArgs;
        final Part[] parts;

        Rec(RecordAccess access, Object template, Object[] templateArgs, Part[] parts) {
            this.access = access;
            this.template = template;
            this.templateArgs = templateArgs;
            this.parts = parts;
        }

        @Override
        Object build(Build b) {
            Object[] args = new Object[parts.length];
            boolean same = true;
            for (int i = 0; i < parts.length; i++) {
                Object a = parts[i].build(b);
                args[i] = a;
                same &= a == templateArgs[i];
            }
            return same ? template : access.construct(args);
        }
    }

    private static final class ListPart extends Part {
        final List<?> template;
        final Part[] parts;

        ListPart(List<?> template, Part[] parts) {
            this.template = template;
            this.parts = parts;
        }

        @Override
        Object build(Build b) {
            Object[] elements = new Object[parts.length];
            boolean same = true;
            boolean nulls = false;
            for (int i = 0; i < parts.length; i++) {
                Object e = parts[i].build(b);
                elements[i] = e;
                same &= e == template.get(i);
                nulls |= e == null;
            }
            if (same) {
                return template;
            }
            return nulls ? Collections.unmodifiableList(Arrays.asList(elements)) : List.of(elements);
        }
    }

    private static final class OptionalPart extends Part {
        final Optional<?> template;
        final Part inner;

        OptionalPart(Optional<?> template, Part inner) {
            this.template = template;
            this.inner = inner;
        }

        @Override
        Object build(Build b) {
            Object v = inner.build(b);
            return v == template.get() ? template : Optional.of(v);
        }
    }

    private static final class Compiler {
        private final SqlShape shape;
        private final Map<Object, Integer> literals;

        Compiler(SqlShape shape, Map<Object, Integer> literals) {
            this.shape = shape;
            this.literals = literals;
        }

        Part compile(Object v) {
            if (v == null || isValue(v)) {
                return new Const(v);
            }
            if (v instanceof NodeLocation l) {
                return location(l);
            }
            if (v.getClass().isRecord()) {
                RecordAccess access = RecordAccess.of(v.getClass());
                Integer literal = literals.get(v);
                Object[] args = new Object[access.size()];
                Part[] parts = new Part[args.length];
                boolean constant = true;
                for (int i = 0; i < args.length; i++) {
                    args[i] = access.get(v, i);
                    if (literal != null && i == 0) {
                        // NumericLiteral, StringLiteral and BitStringLiteral all have the value first.
                        parts[i] = literal >= 0 ? new Value(literal, false) : new Value(-1 - literal, true);
                    } else {
                        parts[i] = compile(args[i]);
                    }
                    constant &= parts[i] instanceof Const;
                }
                return constant ? new Const(v) : new Rec(access, v, args, parts);
            }
            if (v instanceof List<?> list) {
                Part[] parts = new Part[list.size()];
                boolean constant = true;
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = compile(list.get(i));
                    constant &= parts[i] instanceof Const;
                }
                return constant ? new Const(v) : new ListPart(list, parts);
            }
            if (v instanceof Optional<?> o) {
                if (o.isEmpty()) {
                    return new Const(v);
                }
                Part inner = compile(o.get());
                return inner instanceof Const ? new Const(v) : new OptionalPart(o, inner);
            }
            throw new NotTemplatable();
        }

        private Part location(NodeLocation l) {
            int offset = l.offset();
            if (offset < 0) {
                return new Const(l);
            }
            // The last literal that ends at or before the location; a location inside a literal cannot be moved.
            int k = -1;
            for (int i = 0; i < shape.count; i++) {
                if (shape.cpEnd[i] <= offset) {
                    k = i;
                } else {
                    if (shape.cpStart[i] < offset) {
                        throw new NotTemplatable();
                    }
                    break;
                }
            }
            if (k < 0) {
                return new Const(l);
            }
            return new Location(l, k, l.line() == shape.lineAtEnd[k]);
        }
    }
}
