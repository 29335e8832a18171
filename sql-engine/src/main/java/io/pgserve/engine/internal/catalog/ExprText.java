package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.SqlParser;
import io.pgserve.sql.ast.Between;
import io.pgserve.sql.ast.BinaryOp;
import io.pgserve.sql.ast.ArrayConstructor;
import io.pgserve.sql.ast.BooleanLiteral;
import io.pgserve.sql.ast.BooleanTest;
import io.pgserve.sql.ast.DistinctFrom;
import io.pgserve.sql.ast.QuantifiedComparison;
import io.pgserve.sql.ast.CaseExpr;
import io.pgserve.sql.ast.CoalesceExpr;
import io.pgserve.sql.ast.Exists;
import io.pgserve.sql.ast.InSubquery;
import io.pgserve.sql.ast.NullIfExpr;
import io.pgserve.sql.ast.NullLiteral;
import io.pgserve.sql.ast.SubqueryExpr;
import io.pgserve.sql.ast.WhenClause;
import io.pgserve.sql.ast.ColumnRef;
import io.pgserve.sql.ast.Expression;
import io.pgserve.sql.ast.FunctionArgument;
import io.pgserve.sql.ast.FunctionCall;
import io.pgserve.sql.ast.InList;
import io.pgserve.sql.ast.Like;
import io.pgserve.sql.ast.LogicalExpr;
import io.pgserve.sql.ast.MinMaxExpr;
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
 * A stored expression (a CHECK constraint's condition, a column default, an expression of a view's query) as
 * PostgreSQL 15's ruleutils prints it for pg_get_constraintdef, pg_get_expr and pg_get_viewdef: comparisons,
 * arithmetic and {@code ||}, AND / OR / NOT, BETWEEN (as {@code >= AND <=}), IN lists (as {@code = ANY (ARRAY[...])}),
 * LIKE / ILIKE (as {@code ~~}, with {@code like_escape} for ESCAPE), IS [NOT] NULL / TRUE / FALSE, IS DISTINCT FROM,
 * CASE (on its own indented lines), COALESCE, NULLIF, sub-SELECTs (IN, EXISTS, scalar) through the {@link Scope},
 * literals with the casts PostgreSQL's analysis gives them ({@code 'x'::text}, {@code '-1'::integer},
 * {@code v::text} for a varchar column; date, time and interval constants in their type's output form), explicit
 * casts ({@code (a)::numeric}, typmods included), aggregates (DISTINCT, FILTER) and window functions, GREATEST /
 * LEAST, a table of functions and the SQL-syntax ones (TRIM, POSITION, EXTRACT, SUBSTRING), CURRENT_DATE and
 * friends. In pretty mode only needed parentheses are printed; otherwise every operator is parenthesised. Anything
 * else is returned as written ({@link #of}) or null: this class never guesses.
 */
final class ExprText {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();
    /** Result types of the functions deparsed; other functions leave the text as written. */
    private static final Map<String, PgType> FUNCTIONS = Map.of("length", PgType.INT4, "char_length", PgType.INT4,
            "octet_length", PgType.INT4, "lower", PgType.TEXT, "upper", PgType.TEXT, "btrim", PgType.TEXT,
            "now", PgType.TIMESTAMPTZ, "like_escape", PgType.TEXT);

    /** Thrown for a form this class does not deparse: the caller keeps the text as written. */
    static final class Unsupported extends RuntimeException {
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

    /** A typed text: a column as ruleutils names it, an expression or a sub-SELECT (typed by its first column). */
    record Typed(String text, PgType type) {
    }

    /** How an expression's names and sub-SELECTs resolve: a view query's range entries, or one table's columns. */
    interface Scope {
        /** The column {@code names} denotes, as ruleutils prints it (qualified in a view); null when unknown. */
        Typed column(List<String> names);

        /** A sub-SELECT printed at indentation {@code indent}; null when it is not deparsed. */
        default Typed subquery(Query q, int indent) {
            return null;
        }
    }

    private final Scope scope;
    private final boolean pretty;
    /** ruleutils' indentLevel: where CASE and its WHEN lines and a sub-SELECT start. */
    private int indent;

    private ExprText(Scope scope, boolean pretty, int indent) {
        this.scope = scope;
        this.pretty = pretty;
        this.indent = indent;
    }

    /** A table's columns as a scope: unqualified names (a CHECK constraint's or a default's). */
    private static Scope table(Function<String, SchemaModel.Column> columns) {
        return names -> {
            SchemaModel.Column col = names.size() == 1 && columns != null ? columns.apply(names.get(0)) : null;
            return col == null ? null : new Typed(Sql.quoteIdent(col.name()), col.type());
        };
    }

    /**
     * An expression of a view's query, as pg_get_viewdef prints it at indentation {@code indent}: every operator
     * parenthesised unless {@code pretty}; null when it has a form this class does not know.
     */
    static Typed viewExpression(Expression e, Scope scope, boolean pretty, int indent) {
        try {
            Node n = new ExprText(scope, pretty, indent).node(e);
            return new Typed(trimBeforeCase(n.text()), n.type() == null ? PgType.UNKNOWN : n.type());
        } catch (Unsupported u) {
            return null;
        }
    }

    /** A view's output column of unknown type (an untyped literal) as ruleutils prints it: {@code 'x'::text}. */
    static Typed resolveUnknown(Expression e, Scope scope, boolean pretty, int indent) {
        try {
            ExprText x = new ExprText(scope, pretty, indent);
            Node n = x.node(e);
            n = n.type() == null ? x.typed(n, PgType.TEXT) : n;
            return new Typed(trimBeforeCase(n.text()), n.type());
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
            ExprText x = new ExprText(table(columns), pretty, 0);
            Node n = x.node(s.targets().get(0).expression());
            if (target != null && n.type() == null) {
                return trimBeforeCase(x.typed(n, target).text());
            }
            return trimBeforeCase(n.text());
        } catch (Unsupported | io.pgserve.sql.SqlParseException e) {
            return sql;
        }
    }

    private Node node(Expression e) {
        if (e instanceof ColumnRef c && !c.star()) {
            List<String> names = new ArrayList<>();
            c.names().forEach(i -> names.add(i.value()));
            Typed col = scope.column(names);
            if (col == null) {
                throw new Unsupported();
            }
            return new Node(col.text(), col.type(), Kind.SIMPLE);
        } else if (e instanceof NumericLiteral n) {
            return number(n.value(), false, e);
        } else if (e instanceof UnaryOp u && u.operator().schema().isEmpty() && u.operator().symbol().equals("-")
                && u.operand() instanceof NumericLiteral n) {
            return number(n.value(), true, e);
        } else if (e instanceof NullLiteral) {
            return new Node("NULL", null, Kind.SIMPLE, null, e);
        } else if (e instanceof StringLiteral s) {
            return new Node(Sql.quoteLiteral(s.value()), null, Kind.SIMPLE, null, e);
        } else if (e instanceof BooleanLiteral b) {
            return new Node(b.value() ? "true" : "false", PgType.BOOL, Kind.SIMPLE);
        } else if (e instanceof TypeCast c) {
            List<io.pgserve.sql.ast.Identifier> names = c.type().names();
            if (c.type().intervalFields() != null || c.type().setof()
                    || names.size() > 2 || names.size() == 2 && !names.get(0).value().equals("pg_catalog")) {
                throw new Unsupported();
            }
            String name = names.get(names.size() - 1).value() + "[]".repeat(c.type().arrayBounds().size());
            PgType t = TYPES.byName(name).orElseThrow(Unsupported::new);
            Node arg = node(c.operand());
            if (!c.type().modifiers().isEmpty()) {
                // varchar(n), char(n), numeric(p[, s]): the cast is printed with its modifier, always
                String label = Sql.formatType(TYPES, t.oid(), typmod(t, c.type().modifiers()));
                String text = arg.type() == null ? arg.text() : pretty ? paren(arg, Kind.CAST_OF, null)
                        : "(" + arg.text() + ")";
                if (arg.type() == null && !(arg.literal() instanceof StringLiteral
                        || arg.literal() instanceof NullLiteral)) {
                    throw new Unsupported();
                }
                return new Node(text + "::" + label, t, arg.type() == null ? Kind.SIMPLE : Kind.CAST_OF);
            }
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
            return not(node(n.operand()));
        } else if (e instanceof NullTest t) {
            Node arg = node(t.operand());
            if (arg.type() == null) {
                throw new Unsupported();
            }
            return new Node(paren(paren(arg, Kind.TEST, null) + (t.negated() ? " IS NOT NULL" : " IS NULL"),
                    Kind.TEST), PgType.BOOL, Kind.TEST);
        } else if (e instanceof InList in) {
            return inList(in.operand(), in.values(), in.negated(), true);
        } else if (e instanceof FunctionCall f) {
            return function(f);
        } else if (e instanceof QuantifiedComparison q && q.operator().schema().isEmpty()
                && q.right() instanceof ArrayConstructor a && (q.quantifier() == QuantifiedComparison.Quantifier.ANY
                ? q.operator().symbol().equals("=") : q.operator().symbol().equals("<>"))) {
            // x = ANY (ARRAY[...]) is what x IN (...) becomes: printed the same way
            return inList(q.left(), a.elements(), q.quantifier() == QuantifiedComparison.Quantifier.ALL, false);
        } else if (e instanceof QuantifiedComparison q && q.operator().schema().isEmpty()
                && q.right() instanceof TypeCast c && c.operand() instanceof ArrayConstructor a
                && c.type().arrayBounds().size() == 1 && (q.quantifier() == QuantifiedComparison.Quantifier.ANY
                ? q.operator().symbol().equals("=") : q.operator().symbol().equals("<>"))) {
            // PostgreSQL's own text for a varchar IN list: ARRAY['x'::character varying]::text[]
            List<Expression> values = new ArrayList<>();
            for (Expression v : a.elements()) {
                values.add(v instanceof TypeCast vc && vc.operand() instanceof StringLiteral ? vc.operand() : v);
            }
            Expression left = q.left() instanceof TypeCast lc ? lc.operand() : q.left();
            return inList(left, values, q.quantifier() == QuantifiedComparison.Quantifier.ALL, false);
        } else if (e instanceof DistinctFrom d) {
            Node[] lr = comparable(node(d.left()), node(d.right()));
            Node self = new Node(null, PgType.BOOL, Kind.TEST);
            Node test = new Node(paren(paren(lr[0], Kind.OP, self, true) + " IS DISTINCT FROM "
                    + paren(lr[1], Kind.OP, self, false), Kind.TEST), PgType.BOOL, Kind.TEST);
            return d.negated() ? not(test) : test;
        } else if (e instanceof BooleanTest t) {
            Node arg = node(t.operand());
            requireBool(arg);
            return new Node(paren(paren(arg, Kind.TEST, null) + " IS " + (t.negated() ? "NOT " : "")
                    + t.value().name(), Kind.TEST), PgType.BOOL, Kind.TEST);
        } else if (e instanceof Like l && l.escape() != null && l.kind() != Like.Kind.SIMILAR_TO) {
            // the escape is applied to the pattern first: like_escape(pattern, escape)
            String op = (l.negated() ? "!" : "") + (l.kind() == Like.Kind.LIKE ? "~~" : "~~*");
            Node pattern = new Node("like_escape(" + textual(node(l.pattern())).text() + ", "
                    + textual(node(l.escape())).text() + ")", PgType.TEXT, Kind.SIMPLE);
            return operator(node(l.operand()), op, pattern);
        } else if (e instanceof CaseExpr k) {
            return caseExpr(k);
        } else if (e instanceof CoalesceExpr k) {
            return ofOneType("COALESCE", k.arguments());
        } else if (e instanceof NullIfExpr k) {
            Node[] lr = comparable(node(k.left()), node(k.right()));
            return new Node("NULLIF(" + lr[0].text() + ", " + lr[1].text() + ")", lr[0].type(), Kind.SIMPLE);
        } else if (e instanceof SubqueryExpr q) {
            Typed sub = subquery(q.query());
            // a SubLink (like IS NULL): parenthesised again under an operator in pretty mode
            return new Node("(" + sub.text() + ")", sub.type(), Kind.TEST);
        } else if (e instanceof Exists q) {
            return new Node("(EXISTS (" + subquery(q.query()).text() + "))", PgType.BOOL, Kind.TEST);
        } else if (e instanceof InSubquery q) {
            Node operand = node(q.operand());
            Typed sub = subquery(q.query());
            if (operand.type() != null && !operand.type().equals(sub.type())
                    && operand(operand.type()).equals(sub.type())) {
                operand = cast(operand, sub.type()); // varchar IN (text): text's operator
            }
            if (operand.type() == null || !operand.type().equals(sub.type())) {
                throw new Unsupported(); // an implicit cast of either side: not deparsed
            }
            Node in = new Node("(" + operand.text() + " IN (" + sub.text() + "))", PgType.BOOL, Kind.TEST);
            return q.negated() ? not(in) : in;
        } else if (e instanceof SqlValueFunction v && v.precision() == null) {
            PgType t = switch (v.kind()) {
                case CURRENT_DATE -> PgType.DATE;
                case CURRENT_TIMESTAMP -> PgType.TIMESTAMPTZ;
                case LOCALTIMESTAMP -> PgType.TIMESTAMP;
                case CURRENT_TIME -> PgType.TIMETZ;
                case LOCALTIME -> PgType.TIME;
                default -> PgType.NAME; // CURRENT_USER, SESSION_USER, USER, CURRENT_ROLE, CURRENT_CATALOG...
            };
            return new Node(v.kind().name(), t, Kind.SIMPLE);
        } else if (e instanceof MinMaxExpr m) {
            return ofOneType(m.kind().name(), m.arguments());
        }
        throw new Unsupported();
    }

    /** An integer is int4 (else int8, else numeric), a decimal numeric; negative ones are printed quoted and cast. */
    private Node number(String text, boolean negative, Expression e) {
        if (text.startsWith("-")) {
            return number(text.substring(1), !negative, e);
        }
        if (!text.matches("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw new Unsupported();
        }
        boolean decimal = text.matches(".*[.eE].*");
        if (decimal) {
            // numeric's own text: 1.5e3 is 1500, .5 is 0.5; printed quoted when it has no point
            text = new java.math.BigDecimal(text).toPlainString();
        }
        String v = (negative ? "-" : "") + text;
        PgType t;
        if (decimal) {
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
        if (literal.literal() instanceof NullLiteral) {
            return new Node("NULL::" + typeName(t), t, Kind.SIMPLE);
        }
        String v = ((StringLiteral) literal.literal()).value();
        if (t.equals(PgType.INT4) && v.trim().matches("[+-]?[0-9]+")) {
            String i = new BigInteger(v.trim()).toString();
            return new Node(i.startsWith("-") ? Sql.quoteLiteral(i) + "::integer" : i, t, Kind.SIMPLE);
        }
        if ((t.equals(PgType.INT8) || t.equals(PgType.INT2)) && v.trim().matches("[+-]?[0-9]+")) {
            return new Node(Sql.quoteLiteral(new BigInteger(v.trim()).toString()) + "::" + typeName(t), t,
                    Kind.SIMPLE);
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
        return new Node(Sql.quoteLiteral(canonical(v, t)) + "::" + typeName(t), t, Kind.SIMPLE);
    }

    /**
     * A constant as its type prints it (PostgreSQL stores the value, not the text): {@code '1 day'} as
     * {@code 1 day}, {@code '24 hours'} as {@code 24:00:00}, {@code 2020-01-01 10:00} as {@code 2020-01-01 10:00:00}.
     * Only for date, time, timestamp and interval, whose text does not depend on the session's time zone.
     */
    private static String canonical(String v, PgType t) {
        if (!List.of(PgType.DATE, PgType.TIME, PgType.TIMESTAMP, PgType.INTERVAL).contains(t)) {
            return v;
        }
        io.pgserve.server.types.Codec codec = TYPES.codec(t);
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.copiedBuffer(v, java.nio.charset.StandardCharsets.UTF_8);
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            Object value = codec.decodeText(in, io.pgserve.server.types.CodecContext.DEFAULT);
            codec.encodeText(value, out, io.pgserve.server.types.CodecContext.DEFAULT);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new Unsupported(); // not a valid constant of its type: PostgreSQL would not have stored it
        } finally {
            in.release();
            out.release();
        }
    }

    /** The type modifier of {@code varchar(n)}, {@code char(n)} or {@code numeric(p[, s])}. */
    private static int typmod(PgType t, List<Expression> modifiers) {
        List<Integer> m = new ArrayList<>();
        for (Expression e : modifiers) {
            if (!(e instanceof NumericLiteral n) || !n.value().matches("[0-9]{1,5}")) {
                throw new Unsupported();
            }
            m.add(Integer.parseInt(n.value()));
        }
        if ((t.equals(PgType.VARCHAR) || t.equals(PgType.BPCHAR)) && m.size() == 1) {
            return m.get(0) + 4;
        }
        if (t.equals(PgType.NUMERIC) && m.size() <= 2) {
            return (m.get(0) << 16 | (m.size() == 2 ? m.get(1) : 0)) + 4;
        }
        throw new Unsupported();
    }

    /** ruleutils starts a CASE on a new line and drops the spaces before it ({@code THEN} / {@code WHERE}). */
    static String trimBeforeCase(String text) {
        return text.contains("CASE") ? text.replaceAll(" +(\n *CASE)", "$1") : text;
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
            case "=", "<>", "<", ">", "<=", ">=", "~~", "!~~", "~~*", "!~~*", "~", "!~", "~*", "!~*" -> true;
            case "+", "-", "*", "/", "%", "||" -> false;
            default -> throw new Unsupported();
        };
        PgType result;
        if (op.equals("||")) {
            // text || any non-array value (anytextcat, anynonarray || text): the other side as it is
            boolean lText = l.type() == null || textLike(l.type());
            boolean rText = r.type() == null || textLike(r.type());
            if (!lText && !rText) {
                throw new Unsupported();
            }
            l = lText ? textual(l) : l;
            r = rText ? textual(r) : r;
            result = PgType.TEXT;
        } else if ((op.equals("+") || op.equals("-")) && PgType.DATE.equals(lt) && PgType.INT4.equals(rt)) {
            result = PgType.DATE; // date + integer: days
        } else if ((op.equals("+") || op.equals("-")) && PgType.INTERVAL.equals(rt)
                && (PgType.TIMESTAMPTZ.equals(lt) || PgType.TIMESTAMP.equals(lt))) {
            result = lt; // timestamp[tz] +/- interval
        } else if (op.equals("-") && PgType.DATE.equals(lt) && PgType.DATE.equals(rt)) {
            result = PgType.INT4;
        } else if (op.contains("~")) { // LIKE and regular expressions
            l = PgType.BPCHAR.equals(l.type()) ? l : textual(l); // char(n) has its own LIKE operators
            r = textual(r);
            result = PgType.BOOL;
        } else {
            Node[] lr = comparable(l, r);
            l = lr[0];
            r = lr[1];
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

    /** The operands of a comparison or arithmetic operator, with the casts PostgreSQL's analysis adds. */
    private Node[] comparable(Node l, Node r) {
        PgType lt = l.type();
        PgType rt = r.type();
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
        return new Node[] {l, r};
    }

    /** Values of one type (CASE results, COALESCE arguments): untyped literals take it, narrower numbers cast. */
    private List<Node> common(List<Node> values) {
        PgType t = null;
        for (Node v : values) {
            t = v.type() == null ? t : t == null || t.equals(v.type()) ? v.type() : common(t, v.type());
        }
        PgType type = t == null ? PgType.TEXT : t;
        List<Node> out = new ArrayList<>();
        values.forEach(v -> out.add(v.type() == null ? typed(v, type) : cast(v, type)));
        return out;
    }

    /** COALESCE, GREATEST, LEAST: arguments of one type, printed as {@code NAME(a, b)}. */
    private Node ofOneType(String label, List<Expression> arguments) {
        List<Node> written = new ArrayList<>();
        arguments.forEach(a -> written.add(node(a)));
        List<Node> args = common(written);
        return fn(label, args, args.get(0).type());
    }

    private Node not(Node arg) {
        requireBool(arg);
        return new Node(paren("NOT " + paren(arg, Kind.BOOL_NOT, null), Kind.BOOL_NOT), PgType.BOOL, Kind.BOOL_NOT);
    }

    private Typed subquery(Query q) {
        Typed sub = scope.subquery(q, indent);
        if (sub == null) {
            throw new Unsupported();
        }
        return sub;
    }

    /** CASE on its own lines, as ruleutils indents it: WHEN and ELSE one level deeper than CASE and END. */
    private Node caseExpr(CaseExpr k) {
        String pad = "\n" + " ".repeat(indent);
        indent += 4;
        try {
            Node operand = k.operand() == null ? null : node(k.operand());
            List<String> conditions = new ArrayList<>();
            List<Node> results = new ArrayList<>();
            for (WhenClause w : k.whens()) {
                Node c = node(w.condition());
                if (operand == null) {
                    requireBool(c);
                } else if (c.type() == null) {
                    c = typed(c, operand.type());
                } else if (!c.type().equals(operand.type())) {
                    throw new Unsupported();
                }
                conditions.add(c.text());
                results.add(node(w.result()));
            }
            results.add(k.elseResult() == null ? new Node("NULL", null, Kind.SIMPLE, null, new NullLiteral(null))
                    : node(k.elseResult()));
            results = common(results);
            StringBuilder sb = new StringBuilder(pad).append("CASE");
            if (operand != null) {
                sb.append(' ').append(operand.text());
            }
            for (int i = 0; i < conditions.size(); i++) {
                sb.append(pad).append("    WHEN ").append(conditions.get(i)).append(" THEN ")
                        .append(results.get(i).text());
            }
            sb.append(pad).append("    ELSE ").append(results.get(results.size() - 1).text());
            return new Node(sb.append(pad).append("END").toString(), results.get(0).type(), Kind.SIMPLE);
        } finally {
            indent -= 4;
        }
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

    private static boolean textLike(PgType t) {
        return t.equals(PgType.TEXT) || t.equals(PgType.VARCHAR) || t.equals(PgType.BPCHAR);
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
    private Node inList(Expression left, List<Expression> written, boolean negated, boolean in) {
        Node operand = node(left);
        List<Node> values = new ArrayList<>();
        written.forEach(v -> values.add(node(v)));
        if (values.size() == 1 && in) {
            return operator(operand, negated ? "<>" : "=", values.get(0));
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
        String text = paren(operand, Kind.ARRAY_OP, self, true) + (negated ? " <> ALL (" : " = ANY (") + array
                + ")";
        return new Node(paren(text, Kind.ARRAY_OP), PgType.BOOL, Kind.ARRAY_OP);
    }

    /** A function call; with OVER, a window function: {@code rank() OVER (PARTITION BY a ORDER BY b DESC)}. */
    private Node function(FunctionCall f) {
        io.pgserve.sql.ast.WindowDefinition w = f.over();
        if (w == null) {
            return call(f);
        }
        if (w.name() != null || w.refName() != null || w.frame() != null || f.name().size() != 1) {
            throw new Unsupported(); // a named window, a frame: not deparsed
        }
        String name = f.name().get(0).value();
        Node fn;
        if (List.of("row_number", "rank", "dense_rank").contains(name)) {
            if (!f.arguments().isEmpty() || f.star() || f.distinct()) {
                throw new Unsupported();
            }
            fn = new Node(name + "()", PgType.INT8, Kind.SIMPLE);
        } else if (List.of("count", "sum", "avg", "min", "max").contains(name) && !f.distinct()) {
            fn = call(new FunctionCall(f.name(), f.arguments(), f.star(), false, f.variadic(), f.orderBy(),
                    f.withinGroup(), f.filter(), null, f.location()));
        } else {
            throw new Unsupported();
        }
        List<String> clauses = new ArrayList<>();
        if (!w.partitionBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            w.partitionBy().forEach(e -> keys.add(sortKey(e)));
            clauses.add("PARTITION BY " + String.join(", ", keys));
        }
        if (!w.orderBy().isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (io.pgserve.sql.ast.SortItem k : w.orderBy()) {
                keys.add(sortKey(k.expression()) + sortSuffix(k));
            }
            clauses.add("ORDER BY " + String.join(", ", keys));
        }
        return new Node(fn.text() + " OVER (" + String.join(" ", clauses) + ")", fn.type(), Kind.SIMPLE);
    }

    /** Functions {@link #known} types (called by name; the parser writes SQL-syntax forms as pg_catalog's). */
    private static final java.util.Set<String> SIGNATURES = java.util.Set.of("replace", "substring", "concat",
            "date_trunc", "btrim", "ltrim", "rtrim");

    /**
     * A function whose arguments take types (text functions, date_trunc), or a SQL-syntax form, which ruleutils
     * prints in its syntax: {@code TRIM(BOTH FROM s)}, {@code POSITION((a) IN (s))}, {@code EXTRACT(year FROM d)},
     * {@code SUBSTRING(s FROM 1 FOR 3)}.
     */
    private Node known(String name, boolean syntax, List<Node> a) {
        int n = a.size();
        switch (name) {
            case "replace":
                if (n == 3 && !syntax) {
                    a.replaceAll(this::textual);
                    return fn(name, a, PgType.TEXT);
                }
                break;
            case "concat":
                if (!syntax) {
                    // "any" arguments: an untyped literal stays unknown, printed without a cast
                    return fn(name, a, PgType.TEXT);
                }
                break;
            case "substring":
                if ((n == 2 || n == 3) && isInt(a.get(1)) && (n == 2 || isInt(a.get(2)))) {
                    a.set(0, syntax ? quietlyTextual(a.get(0)) : textual(a.get(0)));
                    return syntax ? new Node("SUBSTRING(" + a.get(0).text() + " FROM " + a.get(1).text()
                            + (n == 3 ? " FOR " + a.get(2).text() : "") + ")", PgType.TEXT, Kind.SIMPLE)
                            : fn(Sql.quoteIdent(name), a, PgType.TEXT);
                }
                break;
            case "btrim", "ltrim", "rtrim":
                if (n == 1 || n == 2) {
                    a.replaceAll(syntax ? this::quietlyTextual : this::textual);
                    if (!syntax) {
                        return fn(name, a, PgType.TEXT);
                    }
                    String where = name.equals("btrim") ? "BOTH" : name.equals("ltrim") ? "LEADING" : "TRAILING";
                    return new Node("TRIM(" + where + (n == 2 ? " " + a.get(1).text() : "") + " FROM "
                            + a.get(0).text() + ")", PgType.TEXT, Kind.SIMPLE);
                }
                break;
            case "position":
                if (syntax && n == 2) {
                    a.replaceAll(this::quietlyTextual);
                    return new Node("POSITION((" + a.get(1).text() + ") IN (" + a.get(0).text() + "))", PgType.INT4,
                            Kind.SIMPLE);
                }
                break;
            case "extract":
                if (syntax && n == 2 && a.get(0).literal() instanceof StringLiteral field
                        && field.value().matches("[a-z]+") && a.get(1).type() != null
                        && List.of(PgType.DATE, PgType.TIMESTAMP, PgType.TIMESTAMPTZ).contains(a.get(1).type())) {
                    return new Node("EXTRACT(" + field.value() + " FROM " + a.get(1).text() + ")", PgType.NUMERIC,
                            Kind.SIMPLE);
                }
                break;
            case "date_trunc":
                if (!syntax && n == 2 && a.get(1).type() != null) {
                    // date_trunc(text, timestamp) keeps a timestamp; a date is taken as timestamptz
                    PgType t = a.get(1).type().equals(PgType.TIMESTAMP) ? PgType.TIMESTAMP : PgType.TIMESTAMPTZ;
                    if (!t.equals(a.get(1).type()) && !a.get(1).type().equals(PgType.DATE)) {
                        break;
                    }
                    a.set(0, textual(a.get(0)));
                    a.set(1, cast(a.get(1), t));
                    return fn(name, a, t);
                }
                break;
            default:
                break;
        }
        throw new Unsupported();
    }

    /** A SQL-syntax form's text argument: ruleutils does not show the implicit cast of a varchar there. */
    private Node quietlyTextual(Node n) {
        return n.type() != null && textLike(n.type()) ? new Node(n.text(), PgType.TEXT, n.kind(), n.op(), null)
                : textual(n);
    }

    private static boolean isInt(Node n) {
        return PgType.INT4.equals(n.type());
    }

    private static Node fn(String name, List<Node> args, PgType result) {
        List<String> texts = new ArrayList<>();
        args.forEach(x -> texts.add(x.text()));
        return new Node(name + "(" + String.join(", ", texts) + ")", result, Kind.SIMPLE);
    }

    /** A window's key: a column as it is; other expressions are not deparsed here. */
    private String sortKey(Expression e) {
        if (!(e instanceof ColumnRef)) {
            throw new Unsupported();
        }
        return node(e).text();
    }

    /** What follows an ORDER BY key: {@code DESC}, and NULLS FIRST / LAST where it is not the default. */
    static String sortSuffix(io.pgserve.sql.ast.SortItem k) {
        if (k.direction() == io.pgserve.sql.ast.SortItem.Direction.USING) {
            throw new Unsupported();
        }
        boolean desc = k.direction() == io.pgserve.sql.ast.SortItem.Direction.DESC;
        String suffix = desc ? " DESC" : "";
        if (k.nulls() == io.pgserve.sql.ast.SortItem.Nulls.FIRST && !desc) {
            suffix += " NULLS FIRST";
        } else if (k.nulls() == io.pgserve.sql.ast.SortItem.Nulls.LAST && desc) {
            suffix += " NULLS LAST";
        }
        return suffix;
    }

    private Node call(FunctionCall f) {
        boolean syntax = f.name().size() == 2 && f.name().get(0).value().equals("pg_catalog");
        if (f.name().size() != 1 && !syntax || f.variadic() || !f.orderBy().isEmpty() || !f.withinGroup().isEmpty()) {
            throw new Unsupported();
        }
        if (f.filter() != null) {
            // an aggregate's FILTER (WHERE ...)
            Node filter = node(f.filter());
            requireBool(filter);
            Node agg = call(new FunctionCall(f.name(), f.arguments(), f.star(), f.distinct(), false, f.orderBy(),
                    f.withinGroup(), null, null, f.location()));
            if (syntax || !List.of("count", "sum", "avg", "min", "max").contains(f.name().get(0).value())) {
                throw new Unsupported();
            }
            return new Node(agg.text() + " FILTER (WHERE " + filter.text() + ")", agg.type(), Kind.SIMPLE);
        }
        String name = f.name().get(f.name().size() - 1).value();
        if (syntax || SIGNATURES.contains(name)) {
            if (f.star() || f.distinct()) {
                throw new Unsupported();
            }
            List<Node> args = new ArrayList<>();
            for (FunctionArgument a : f.arguments()) {
                if (a.name() != null) {
                    throw new Unsupported();
                }
                args.add(node(a.value()));
            }
            return known(name, syntax, args);
        }
        boolean aggregate = List.of("count", "sum", "avg", "min", "max").contains(name);
        if (f.star() || f.distinct()) {
            if (!aggregate || f.star() && (!name.equals("count") || !f.arguments().isEmpty())) {
                throw new Unsupported();
            }
            if (f.star()) {
                return new Node("count(*)", PgType.INT8, Kind.SIMPLE);
            }
        }
        List<Node> args = new ArrayList<>();
        for (FunctionArgument a : f.arguments()) {
            if (a.name() != null) {
                throw new Unsupported();
            }
            args.add(node(a.value()));
        }
        PgType first = args.isEmpty() ? null : args.get(0).type();
        PgType result = FUNCTIONS.get(name);
        if (result != null) {
            if (name.equals("now") != args.isEmpty()) {
                throw new Unsupported();
            }
            args.replaceAll(this::textual);
        } else if (args.size() != 1 && !name.equals("round") || first == null) {
            throw new Unsupported();
        } else {
            int family = numericFamily(first);
            result = switch (name) {
                case "count" -> PgType.INT8;
                case "min", "max" -> first.equals(PgType.VARCHAR) ? PgType.TEXT : first;
                case "sum" -> family == 0 ? (first.equals(PgType.INT8) ? PgType.NUMERIC : PgType.INT8)
                        : family > 0 ? first : null;
                case "avg" -> family == 0 || family == 1 ? PgType.NUMERIC : family == 2 ? PgType.FLOAT8 : null;
                case "abs" -> family >= 0 ? first : null;
                // round(numeric) and round(numeric, integer); round of a float is another function
                case "round" -> first.equals(PgType.NUMERIC) && (args.size() == 1 || args.size() == 2
                        && PgType.INT4.equals(args.get(1).type())) ? PgType.NUMERIC : null;
                default -> null;
            };
            if (result == null) {
                throw new Unsupported();
            }
        }
        if ((name.equals("min") || name.equals("max")) && PgType.VARCHAR.equals(first)) {
            args.set(0, cast(args.get(0), PgType.TEXT)); // no max(varchar): text's
        }
        List<String> texts = new ArrayList<>();
        args.forEach(n -> texts.add(n.text()));
        return new Node(name + "(" + (f.distinct() ? "DISTINCT " : "") + String.join(", ", texts) + ")", result,
                Kind.SIMPLE);
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
        if (t.category() == 'E') {
            return Sql.quoteIdent(t.name()); // a user's enum type (not in the built-in registry)
        }
        if (t.isArray() && TYPES.byOid(t.elementOid()) == null && t.name().startsWith("_")) {
            return Sql.quoteIdent(t.name().substring(1)) + "[]";
        }
        return Sql.formatType(TYPES, t.oid(), -1);
    }
}
