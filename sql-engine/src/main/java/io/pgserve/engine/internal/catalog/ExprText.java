package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.SqlParser;
import io.pgserve.sql.ast.Between;
import io.pgserve.sql.ast.BinaryOp;
import io.pgserve.sql.ast.BooleanLiteral;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.InList;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.LogicalExpr;
import io.pgserve.sql.ast.NotExpr;
import io.pgserve.sql.ast.NullTest;
import io.pgserve.sql.ast.NumericLiteral;
import io.pgserve.sql.ast.Query;
import io.pgserve.sql.ast.Select;
import io.pgserve.sql.ast.SqlValueFunction;
import io.pgserve.sql.ast.StringLiteral;
import io.pgserve.sql.ast.TypeCast;
import io.pgserve.sql.ast.UnaryOp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A stored expression (a CHECK constraint's condition, a column default) as PostgreSQL 15's ruleutils prints it for
 * pg_get_constraintdef and pg_get_expr, for the common forms: comparisons, arithmetic, AND / OR / NOT, BETWEEN (as
 * {@code >= AND <=}), IN lists (as {@code = ANY (ARRAY[...])}), LIKE (as {@code ~~}), IS [NOT] NULL, literals with
 * the casts PostgreSQL's analysis gives them ({@code 'x'::text}, {@code '-1'::integer}, {@code v::text} for a varchar
 * column), a few functions, CURRENT_DATE and friends. In pretty mode only needed parentheses are printed; otherwise
 * every operator is parenthesised. Anything else is returned as written: {@link #of} never guesses.
 */
final class ExprText {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();
    /** Result types of the functions deparsed; other functions leave the text as written. */
    private static final Map<String, PgType> FUNCTIONS = Map.of("length", PgType.INT4, "char_length", PgType.INT4,
            "octet_length", PgType.INT4, "lower", PgType.TEXT, "upper", PgType.TEXT, "btrim", PgType.TEXT,
            "now", PgType.TIMESTAMPTZ);

    /** Thrown for a form this class does not deparse: the caller keeps the text as written. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** A deparsed node: its text, its type (null for an untyped string literal) and its kind for parenthesising. */
    private record Node(String text, PgType type, Kind kind, String op, Expression literal) {
        Node(String text, PgType type, Kind kind) {
            this(text, type, kind, null, null);
        }
    }

    /** ARRAY_OP: {@code x = ANY (ARRAY[...])}, which ruleutils parenthesises under any parent. */
    private enum Kind { SIMPLE, OP, UNARY, BOOL_AND, BOOL_OR, BOOL_NOT, TEST, CAST_OF, ARRAY_OP }

    private final Function<String, SchemaModel.Column> columns;
    private final boolean pretty;
    /** For a view's query: the name columns are qualified with (the table's alias or name); else null. */
    private final String qualifier;

    private ExprText(Function<String, SchemaModel.Column> columns, boolean pretty, String qualifier) {
        this.columns = columns;
        this.pretty = pretty;
        this.qualifier = qualifier;
    }

    /**
     * An expression of a view's query over one table, as pg_get_viewdef prints it: columns qualified with
     * {@code qualifier}, every operator parenthesised unless {@code pretty}; null when it has a form this class does
     * not know.
     */
    static String viewExpression(Expression e, Function<String, SchemaModel.Column> columns, String qualifier,
                                 boolean pretty) {
        try {
            return new ExprText(columns, pretty, qualifier).node(e).text();
        } catch (Unsupported u) {
            return null;
        }
    }

    /**
     * @param sql     the expression as SQL text (as written, or already as PostgreSQL prints it)
     * @param columns the table's columns by name (null when unknown)
     * @param target  for a default, its column's type (an untyped literal takes it); null for a condition
     * @return ruleutils' text, or {@code sql} unchanged when it has a form this class does not know
     */
    static String of(String sql, Function<String, SchemaModel.Column> columns, PgType target, boolean pretty) {
        if (sql == null) {
            return null;
        }
        try {
            if (!(SqlParser.parse("SELECT " + sql) instanceof Query q) || !(q.body() instanceof Select s)
                    || s.targets().size() != 1 || !s.from().isEmpty()) {
                return sql;
            }
            ExprText x = new ExprText(columns, pretty, null);
            Node n = x.node(s.targets().get(0).expression());
            if (target != null && n.type() == null) {
                return x.typed(n, target).text();
            }
            return n.text();
        } catch (Unsupported | io.pgserve.sql.SqlParseException e) {
            return sql;
        }
    }

    private Node node(Expression e) {
        if (e instanceof ColumnRef c && !c.star() && (c.names().size() == 1 || c.names().size() == 2
                && qualifier != null && c.names().get(0).value().equals(qualifier))) {
            SchemaModel.Column col = columns.apply(c.names().get(c.names().size() - 1).value());
            if (col == null) {
                throw new Unsupported();
            }
            return new Node((qualifier == null ? "" : Sql.quoteIdent(qualifier) + ".") + Sql.quoteIdent(col.name()),
                    col.type(), Kind.SIMPLE);
        } else if (e instanceof NumericLiteral n) {
            return number(n.value(), false, e);
        } else if (e instanceof UnaryOp u && u.operator().schema().isEmpty() && u.operator().symbol().equals("-")
                && u.operand() instanceof NumericLiteral n) {
            return number(n.value(), true, e);
        } else if (e instanceof StringLiteral s) {
            return new Node(Sql.quoteLiteral(s.value()), null, Kind.SIMPLE, null, e);
        } else if (e instanceof BooleanLiteral b) {
            return new Node(b.value() ? "true" : "false", PgType.BOOL, Kind.SIMPLE);
        } else if (e instanceof TypeCast c) {
            if (!c.type().modifiers().isEmpty() || c.type().names().size() != 1) {
                throw new Unsupported();
            }
            String name = c.type().names().get(0).value() + "[]".repeat(c.type().arrayBounds().size());
            PgType t = TYPES.byName(name).orElseThrow(Unsupported::new);
            Node arg = node(c.operand());
            return arg.type() == null ? typed(arg, t) : cast(arg, t);
        } else if (e instanceof UnaryOp u && u.operator().schema().isEmpty()) {
            Node arg = node(u.operand());
            if (arg.type() == null || arg.type().category() != 'N' || !u.operator().symbol().equals("-")) {
                throw new Unsupported();
            }
            return new Node(paren("- " + paren(arg, Kind.UNARY, null), Kind.UNARY), arg.type(), Kind.UNARY);
        } else if (e instanceof BinaryOp b && b.operator().schema().isEmpty()) {
            return operator(node(b.left()), b.operator().symbol(), node(b.right()));
        } else if (e instanceof Like l && l.escape() == null && l.kind() != Like.Kind.SIMILAR_TO) {
            String op = (l.negated() ? "!" : "") + (l.kind() == Like.Kind.LIKE ? "~~" : "~~*");
            return operator(node(l.operand()), op, node(l.pattern()));
        } else if (e instanceof Between b && !b.symmetric()) {
            Node lo = operator(node(b.operand()), b.negated() ? "<" : ">=", node(b.lower()));
            Node hi = operator(node(b.operand()), b.negated() ? ">" : "<=", node(b.upper()));
            return bool(b.negated() ? Kind.BOOL_OR : Kind.BOOL_AND, List.of(lo, hi));
        } else if (e instanceof LogicalExpr l) {
            List<Node> args = new ArrayList<>();
            l.operands().forEach(o -> args.add(node(o)));
            return bool(l.operator() == LogicalExpr.Operator.AND ? Kind.BOOL_AND : Kind.BOOL_OR, args);
        } else if (e instanceof NotExpr n) {
            Node arg = node(n.operand());
            requireBool(arg);
            return new Node(paren("NOT " + paren(arg, Kind.BOOL_NOT, null), Kind.BOOL_NOT), PgType.BOOL,
                    Kind.BOOL_NOT);
        } else if (e instanceof NullTest t) {
            Node arg = node(t.operand());
            if (arg.type() == null) {
                throw new Unsupported();
            }
            return new Node(paren(paren(arg, Kind.TEST, null) + (t.negated() ? " IS NOT NULL" : " IS NULL"),
                    Kind.TEST), PgType.BOOL, Kind.TEST);
        } else if (e instanceof InList in) {
            return inList(in);
        } else if (e instanceof FunctionCall f) {
            return function(f);
        } else if (e instanceof SqlValueFunction v && v.precision() == null) {
            PgType t = switch (v.kind()) {
                case CURRENT_DATE -> PgType.DATE;
                case CURRENT_TIMESTAMP -> PgType.TIMESTAMPTZ;
                case LOCALTIMESTAMP -> PgType.TIMESTAMP;
                default -> throw new Unsupported();
            };
            return new Node(v.kind().name(), t, Kind.SIMPLE);
        }
        throw new Unsupported();
    }

    /** An integer is int4 (else int8, else numeric), a decimal numeric; negative ones are printed quoted and cast. */
    private Node number(String text, boolean negative, Expression e) {
        if (text.startsWith("-")) {
            return number(text.substring(1), !negative, e);
        }
        if (!text.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
            throw new Unsupported();
        }
        String v = (negative ? "-" : "") + text;
        PgType t;
        if (text.contains(".")) {
            t = PgType.NUMERIC;
        } else {
            BigInteger i = new BigInteger(v);
            t = i.bitLength() < 32 ? PgType.INT4 : i.bitLength() < 64 ? PgType.INT8 : PgType.NUMERIC;
        }
        boolean plain = !negative && (t == PgType.INT4 || t == PgType.NUMERIC && text.contains("."));
        return new Node(plain ? v : Sql.quoteLiteral(v) + "::" + typeName(t), t, Kind.SIMPLE, null, e);
    }

    /** An untyped string literal taking type {@code t}: a constant of that type, printed with its label. */
    private Node typed(Node literal, PgType t) {
        if (t == PgType.UNKNOWN) {
            throw new Unsupported();
        }
        String v = ((StringLiteral) literal.literal()).value();
        if (t.equals(PgType.INT4) && v.trim().matches("[+-]?[0-9]+")) {
            String i = new BigInteger(v.trim()).toString();
            return new Node(i.startsWith("-") ? Sql.quoteLiteral(i) + "::integer" : i, t, Kind.SIMPLE);
        }
        if (t.equals(PgType.BOOL) && v.trim().matches("(?i)t|true|f|false")) {
            return new Node(v.trim().toLowerCase(java.util.Locale.ROOT).startsWith("t") ? "true" : "false", t,
                    Kind.SIMPLE);
        }
        if (t.equals(PgType.NUMERIC) && v.matches("[0-9]+\\.[0-9]+")) {
            return new Node(v, t, Kind.SIMPLE);
        }
        if (t.category() == 'N' && !t.equals(PgType.NUMERIC) || t.equals(PgType.BOOL)) {
            throw new Unsupported();
        }
        return new Node(literal.text() + "::" + typeName(t), t, Kind.SIMPLE);
    }

    /** A cast (explicit, or implicit under an operator or function): {@code x::t}, {@code (x)::t} when not pretty. */
    private Node cast(Node arg, PgType t) {
        if (t.equals(arg.type())) {
            return arg;
        }
        String inner = pretty ? paren(arg, Kind.CAST_OF, null) : "(" + arg.text() + ")";
        return new Node(inner + "::" + typeName(t), t, Kind.CAST_OF);
    }

    private Node operator(Node l, String op, Node r) {
        PgType lt = l.type();
        PgType rt = r.type();
        boolean comparison = switch (op) {
            case "=", "<>", "<", ">", "<=", ">=", "~~", "!~~", "~~*", "!~~*" -> true;
            case "+", "-", "*", "/", "%", "||" -> false;
            default -> throw new Unsupported();
        };
        PgType result;
        if (op.equals("||")) {
            l = textual(l);
            r = textual(r);
            result = PgType.TEXT;
        } else if (op.contains("~~")) {
            l = PgType.BPCHAR.equals(l.type()) ? l : textual(l); // char(n) has its own LIKE operators
            r = textual(r);
            result = PgType.BOOL;
        } else {
            if (lt == null && rt == null) {
                l = typed(l, PgType.TEXT);
                r = typed(r, PgType.TEXT);
            } else if (lt == null) {
                PgType t = operand(rt);
                r = cast(r, t);
                l = typed(l, t);
            } else if (rt == null) {
                PgType t = operand(lt);
                l = cast(l, t);
                r = typed(r, t);
            } else if (operand(lt).equals(operand(rt))) {
                l = cast(l, operand(lt));
                r = cast(r, operand(rt));
            } else {
                PgType t = common(lt, rt);
                l = numericFamily(lt) == numericFamily(t) ? l : cast(l, t);
                r = numericFamily(rt) == numericFamily(t) ? r : cast(r, t);
            }
            PgType operands = l.type();
            if (comparison) {
                result = PgType.BOOL;
            } else if (operands.category() == 'N') {
                result = r.type() != null && rank(r.type()) > rank(operands) ? r.type() : operands;
            } else {
                throw new Unsupported();
            }
        }
        Node self = new Node(null, result, Kind.OP, op, null);
        String text = paren(l, Kind.OP, self, true) + " " + op + " " + paren(r, Kind.OP, self, false);
        return new Node(paren(text, Kind.OP), result, Kind.OP, op, null);
    }

    /** An operand of a text operator: an untyped literal becomes text, a varchar or char(n) value is cast. */
    private Node textual(Node n) {
        if (n.type() == null) {
            return typed(n, PgType.TEXT);
        }
        if (n.type().equals(PgType.VARCHAR) || n.type().equals(PgType.BPCHAR)) {
            return cast(n, PgType.TEXT);
        }
        if (!n.type().equals(PgType.TEXT)) {
            throw new Unsupported();
        }
        return n;
    }

    /** The type an operator works on for a value of type {@code t}: varchar has none of its own (text's). */
    private static PgType operand(PgType t) {
        return t.equals(PgType.VARCHAR) ? PgType.TEXT : t;
    }

    /** The common type of two different known types: across number families the wider; else unsupported. */
    private static PgType common(PgType a, PgType b) {
        int fa = numericFamily(a);
        int fb = numericFamily(b);
        if (fa < 0 || fb < 0 || (fa == 2 || fb == 2) && !a.equals(PgType.FLOAT8) && !b.equals(PgType.FLOAT8)
                && fa != fb) {
            throw new Unsupported();
        }
        if (fa == fb) {
            return rank(a) >= rank(b) ? a : b;
        }
        return fa > fb ? a : b;
    }

    /** 0 integers (which have cross-type operators), 1 numeric, 2 floats; -1 not a number. */
    private static int numericFamily(PgType t) {
        if (t.equals(PgType.INT2) || t.equals(PgType.INT4) || t.equals(PgType.INT8)) {
            return 0;
        }
        if (t.equals(PgType.NUMERIC)) {
            return 1;
        }
        return t.equals(PgType.FLOAT4) || t.equals(PgType.FLOAT8) ? 2 : -1;
    }

    private static int rank(PgType t) {
        return List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8)
                .indexOf(t);
    }

    private Node bool(Kind kind, List<Node> args) {
        Node self = new Node(null, PgType.BOOL, kind);
        List<String> parts = new ArrayList<>();
        for (Node a : args) {
            requireBool(a);
            parts.add(paren(a, kind, self, true));
        }
        return new Node(paren(String.join(kind == Kind.BOOL_AND ? " AND " : " OR ", parts), kind), PgType.BOOL,
                kind);
    }

    private static void requireBool(Node n) {
        if (!PgType.BOOL.equals(n.type())) {
            throw new Unsupported();
        }
    }

    /** {@code x IN (a, b)} as {@code x = ANY (ARRAY[a, b])}, NOT IN as {@code <> ALL}; one value as {@code =}. */
    private Node inList(InList in) {
        Node operand = node(in.operand());
        List<Node> values = new ArrayList<>();
        in.values().forEach(v -> values.add(node(v)));
        if (values.size() == 1) {
            return operator(operand, in.negated() ? "<>" : "=", values.get(0));
        }
        PgType t = operand.type();
        if (t == null) {
            throw new Unsupported();
        }
        List<String> elements = new ArrayList<>();
        for (Node v : values) {
            if (v.type() == null) {
                v = typed(v, t);
            } else if (!v.type().equals(t)) {
                // a narrower number is cast to the operand's type (an integer to numeric), nothing else is known
                if (numericFamily(v.type()) < 0 || numericFamily(t) <= numericFamily(v.type())) {
                    throw new Unsupported();
                }
                v = cast(v, t);
            }
            elements.add(v.text());
        }
        String array = "ARRAY[" + String.join(", ", elements) + "]";
        PgType op = operand(t);
        if (!op.equals(t)) {
            operand = cast(operand, op);
            array = (pretty ? array : "(" + array + ")") + "::" + typeName(TYPES.arrayOf(op));
        }
        Node self = new Node(null, PgType.BOOL, Kind.ARRAY_OP);
        String text = paren(operand, Kind.ARRAY_OP, self, true) + (in.negated() ? " <> ALL (" : " = ANY (") + array
                + ")";
        return new Node(paren(text, Kind.ARRAY_OP), PgType.BOOL, Kind.ARRAY_OP);
    }

    private Node function(FunctionCall f) {
        if (f.name().size() != 1 || f.star() || f.distinct() || f.variadic() || !f.orderBy().isEmpty()
                || !f.withinGroup().isEmpty() || f.filter() != null || f.over() != null) {
            throw new Unsupported();
        }
        String name = f.name().get(0).value();
        PgType result = FUNCTIONS.get(name);
        if (result == null) {
            throw new Unsupported();
        }
        List<String> args = new ArrayList<>();
        for (FunctionArgument a : f.arguments()) {
            if (a.name() != null) {
                throw new Unsupported();
            }
            Node n = node(a.value());
            args.add((name.equals("now") ? n : textual(n)).text());
        }
        if (name.equals("now") != args.isEmpty()) {
            throw new Unsupported();
        }
        return new Node(name + "(" + String.join(", ", args) + ")", result, Kind.SIMPLE);
    }

    /** Non-pretty: every operator and test in its own parentheses. */
    private String paren(String text, Kind kind) {
        return pretty || kind == Kind.SIMPLE || kind == Kind.CAST_OF ? text : "(" + text + ")";
    }

    private String paren(Node child, Kind parent, Node parentNode) {
        return paren(child, parent, parentNode, true);
    }

    /** Pretty: ruleutils' isSimpleNode decides whether a child needs parentheses under its parent. */
    private String paren(Node child, Kind parent, Node parentNode, boolean first) {
        if (!pretty || simple(child, parent, parentNode, first)) {
            return child.text();
        }
        return "(" + child.text() + ")";
    }

    private static boolean simple(Node child, Kind parent, Node parentNode, boolean first) {
        boolean boolParent = parent == Kind.BOOL_AND || parent == Kind.BOOL_OR || parent == Kind.BOOL_NOT;
        return switch (child.kind()) {
            case SIMPLE, CAST_OF -> true;
            case OP -> {
                if (parent == Kind.OP && parentNode != null && parentNode.op() != null) {
                    boolean lo = "+-".contains(child.op()) && child.op().length() == 1;
                    boolean hi = "*/%".contains(child.op()) && child.op().length() == 1;
                    boolean plo = "+-".contains(parentNode.op()) && parentNode.op().length() == 1;
                    boolean phi = "*/%".contains(parentNode.op()) && parentNode.op().length() == 1;
                    if (!(lo || hi) || !(plo || phi)) {
                        yield false;
                    }
                    yield hi && plo || !(lo && phi) && first;
                }
                yield boolParent;
            }
            case UNARY, TEST -> boolParent;
            case ARRAY_OP -> false;
            case BOOL_AND, BOOL_NOT -> parent == Kind.BOOL_AND || parent == Kind.BOOL_OR;
            case BOOL_OR -> parent == Kind.BOOL_OR;
        };
    }

    private static String typeName(PgType t) {
        return Sql.formatType(TYPES, t.oid(), -1);
    }
}
