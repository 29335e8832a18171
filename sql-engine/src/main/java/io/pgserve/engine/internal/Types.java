package io.pgserve.engine.internal;

import io.pgserve.engine.internal.catalog.RegTypes;
import io.pgserve.server.types.PgType;

/** Type classification and PostgreSQL's implicit-cast rules for the common cases. */
public final class Types {
    private Types() {
    }

    /** The rank of a numeric type in the implicit widening order int2 < int4 < int8 < numeric < float4 < float8. */
    public static int numericRank(PgType t) {
        return switch (t.oid()) {
            case 21 -> 1;
            case 23 -> 2;
            case 20 -> 3;
            case 1700 -> 4;
            case 700 -> 5;
            case 701 -> 6;
            default -> 0;
        };
    }

    public static boolean isNumeric(PgType t) {
        return numericRank(t) > 0;
    }

    public static boolean isInteger(PgType t) {
        int r = numericRank(t);
        return r >= 1 && r <= 3;
    }

    /** text, varchar, bpchar, name. */
    public static boolean isString(PgType t) {
        int o = t.oid();
        return o == 25 || o == 1043 || o == 1042 || o == 19;
    }

    public static boolean isUnknown(PgType t) {
        return t.oid() == PgType.UNKNOWN.oid();
    }

    /** Whether {@code from} converts to {@code to} implicitly (in expressions). */
    public static boolean implicitlyCastable(PgType from, PgType to) {
        if (from.equals(to) || isUnknown(from)) {
            return true;
        }
        if (isNumeric(from) && isNumeric(to)) {
            return numericRank(from) < numericRank(to);
        }
        if (isString(from) && isString(to)) {
            return to.oid() == 25 || to.oid() == 1043 && from.oid() != 25 || from.oid() == 25;
        }
        int f = from.oid();
        int t = to.oid();
        if (f == 18 && t == 25) {
            return true; // "char" to text (pg_cast: implicit; to character and varchar only on assignment)
        }
        if (t == 26 && (isInteger(from) || RegTypes.is(from)) || f == 26 && RegTypes.is(to)) {
            return true; // int2, int4, int8 and the OID alias types convert to oid, and oid to them (pg_cast)
        }
        return f == 1082 && (t == 1114 || t == 1184) || f == 1114 && t == 1184 || f == 1083 && t == 1186;
    }

    /** Whether {@code from} converts to {@code to} on assignment (INSERT, UPDATE): implicit casts and narrowing. */
    public static boolean assignmentCastable(PgType from, PgType to) {
        if (implicitlyCastable(from, to)) {
            return true;
        }
        if (isNumeric(from) && isNumeric(to) || isString(from) && isString(to)) {
            return true;
        }
        if (isString(to)) {
            return true; // every type has an assignment cast to text through its output function
        }
        int f = from.oid();
        int t = to.oid();
        return (f == 1114 || f == 1184) && (t == 1082 || t == 1083 || t == 1114);
    }

    /** The type PostgreSQL prefers among the implicit conversions of a category. */
    public static boolean isPreferred(PgType t) {
        return t.oid() == 25 || t.oid() == 701 || t.oid() == 1184 || t.oid() == 16;
    }

    /**
     * The common type of two types for comparisons, CASE, UNION...: unknown yields to the other; numeric types
     * widen; string types become text; else one must cast implicitly to the other. Null when there is none.
     */
    public static PgType common(PgType a, PgType b) {
        if (a.equals(b)) {
            return a; // two unknowns stay unknown: the known inputs decide, text only when all are unknown
        }
        if (isUnknown(a)) {
            return b;
        }
        if (isUnknown(b)) {
            return a;
        }
        if (isNumeric(a) && isNumeric(b)) {
            return numericRank(a) >= numericRank(b) ? a : b;
        }
        if (isString(a) && isString(b) || a.oid() == 18 && isString(b) || b.oid() == 18 && isString(a)) {
            return PgType.TEXT; // "char" = character compares as text, the one implicit cast both have (pg_cast)
        }
        if (implicitlyCastable(a, b)) {
            return b;
        }
        if (implicitlyCastable(b, a)) {
            return a;
        }
        return null;
    }

    /**
     * PostgreSQL's select_common_type for two types, in order (UNION, CASE, COALESCE, VALUES, ARRAY[...]): as
     * {@link #common}, except that among string types the first stays unless it is text's implicit one-way
     * conversion source: {@code coalesce(varchar, text)} is varchar, {@code coalesce(text, varchar)} text,
     * {@code coalesce(varchar, name)} name. (Comparisons use {@link #common}: varchar = text compares as text.)
     */
    public static PgType unified(PgType a, PgType b) {
        if (isString(a) && isString(b) && !a.equals(b)) {
            boolean toName = b.oid() == 19 && (a.oid() == 1043 || a.oid() == 1042);
            return toName ? b : a;
        }
        return common(a, b);
    }

    /** The name PostgreSQL's format_type() gives a type in messages: integer, character varying... */
    public static String displayName(PgType t) {
        if (t.isArray() && t.name().startsWith("_")) {
            String n = t.name().startsWith("_") ? t.name().substring(1) : t.name();
            return switch (n) {
                case "int4" -> "integer[]";
                case "int8" -> "bigint[]";
                case "int2" -> "smallint[]";
                case "text" -> "text[]";
                default -> n + "[]";
            };
        }
        return switch (t.name()) {
            case "int2" -> "smallint";
            case "int4" -> "integer";
            case "int8" -> "bigint";
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "varchar" -> "character varying";
            case "bpchar" -> "character";
            case "char" -> "\"char\"";
            case "timestamp" -> "timestamp without time zone";
            case "timestamptz" -> "timestamp with time zone";
            case "time" -> "time without time zone";
            case "timetz" -> "time with time zone";
            default -> t.name();
        };
    }
}
