package io.pgserve.engine.internal.catalog;

import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.internal.grammar.PostgreSqlKeywords;

/** PostgreSQL's ways of printing names and types: quote_ident's rule and format_type. */
final class Sql {
    /** The pseudo-types functions declare, which the type registry does not hold. */
    private static final java.util.List<PgType> PSEUDO = java.util.List.of(io.pgserve.engine.PseudoTypes.ANY,
            io.pgserve.engine.PseudoTypes.ANY_ELEMENT, io.pgserve.engine.PseudoTypes.ANY_ARRAY,
            io.pgserve.engine.PseudoTypes.ANY_NON_ARRAY);

    private Sql() {
    }

    /**
     * An identifier as PostgreSQL's quote_ident prints it: bare when it is lower case letters, digits, underscores
     * (not starting with a digit) and not a keyword other than an unreserved one; else double-quoted.
     */
    static String quoteIdent(String name) {
        boolean safe = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; safe && i < name.length(); i++) {
            char c = name.charAt(i);
            safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
        }
        if (safe) {
            PostgreSqlKeywords.Keyword k = PostgreSqlKeywords.lookup(name);
            safe = k == null || k.category() == PostgreSqlKeywords.Category.UNRESERVED;
        }
        return safe ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string as a SQL literal ('it''s'). */
    static String quoteLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** PostgreSQL's format_type(type, typmod); "???" for an unknown OID, as PostgreSQL prints it. */
    static String formatType(TypeRegistry types, long oid, int typmod) {
        if (oid == 0) {
            return "-";
        }
        PgType t = oid == PgType.UNKNOWN.oid() ? PgType.UNKNOWN : types.byOid((int) oid);
        for (PgType p : PSEUDO) {
            t = t == null && p.oid() == oid ? p : t;
        }
        if (t == null) {
            return "???";
        }
        if (t.isArray() && !io.pgserve.engine.internal.Composite.isVector(t)) {
            PgType e = types.byOid(t.elementOid());
            return (e == null ? "???" : formatType(types, e.oid(), typmod)) + "[]";
        }
        return formatType(t, typmod);
    }

    private static String formatType(PgType t, int typmod) {
        boolean mod = typmod >= 0;
        switch (t.name()) {
            case "bool":
                return "boolean";
            case "int2":
                return "smallint";
            case "int4":
                return "integer";
            case "int8":
                return "bigint";
            case "float4":
                return "real";
            case "float8":
                return "double precision";
            case "char":
                return "\"char\"";
            case "bpchar":
                return mod ? "character(" + (typmod - 4) + ")" : typmod == -1 ? "bpchar" : "character";
            case "varchar":
                return "character varying" + (mod ? "(" + (typmod - 4) + ")" : "");
            case "numeric":
                return mod ? "numeric(" + ((typmod - 4) >> 16 & 0xffff) + "," + ((typmod - 4) & 0xffff) + ")"
                        : "numeric";
            case "timestamp":
                return "timestamp" + (mod ? "(" + typmod + ")" : "") + " without time zone";
            case "timestamptz":
                return "timestamp" + (mod ? "(" + typmod + ")" : "") + " with time zone";
            case "time":
                return "time" + (mod ? "(" + typmod + ")" : "") + " without time zone";
            case "timetz":
                return "time" + (mod ? "(" + typmod + ")" : "") + " with time zone";
            case "interval":
                int precision = typmod & 0xffff;
                return "interval" + (mod && precision != 0xffff ? "(" + precision + ")" : "");
            default:
                return quoteIdent(t.name());
        }
    }
}
