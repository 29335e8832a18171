package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.FunctionContext;
import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.FunctionRegistry.Function;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Con;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Idx;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Rel;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.engine.internal.Overloads;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog functions tools call: format_type, pg_get_expr, pg_get_constraintdef, pg_get_indexdef,
 * pg_get_userbyid, the *_is_visible family, obj_description and friends, has_*_privilege, pg_get_serial_sequence,
 * pg_encoding_to_char, pg_postmaster_start_time, pg_get_function_result/_arguments/_identity_arguments.
 */
public final class CatalogFunctions {
    private static final OffsetDateTime STARTED = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('((?:[^']|'')*)'::regclass\\)");

    private CatalogFunctions() {
    }

    /**
     * format_type: {@link Sql#formatType}, and an enum type of a schema off the search path qualified with it
     * ({@code app.status}), as PostgreSQL names a type that is not visible.
     */
    private static String formatType(FunctionContext c, long oid, int typmod) {
        String name = Sql.formatType(c.types(), oid, typmod);
        PgType t = c.types().byOid((int) oid);
        PgType element = t != null && t.isArray() ? c.types().byOid(t.elementOid()) : t;
        io.pgserve.engine.EnumType e = element == null ? null
                : io.pgserve.engine.internal.EnumCodec.of(c.types(), element);
        if (e != null && c.catalog() instanceof SystemCatalog s && !s.snapshot().searchPath.contains(e.schema())) {
            return Sql.quoteIdent(e.schema()) + "." + name;
        }
        return name;
    }

    /** A user enum type (or its array type) named as regtype input: {@code mood}, {@code s.mood}, {@code mood[]}. */
    private static java.util.Optional<PgType> enumType(FunctionContext c, String text) {
        String t = text.trim();
        boolean array = t.endsWith("[]");
        if (array) {
            t = t.substring(0, t.length() - 2).trim();
        }
        List<String> parts = new java.util.ArrayList<>();
        for (String p : t.split("\\.")) {
            parts.add(unquote(p.trim()));
        }
        CatalogSnapshot s = snapshot(c);
        io.pgserve.engine.EnumType e = null;
        if (parts.size() == 2) {
            e = c.catalog().enumType(parts.get(0), parts.get(1));
        } else if (parts.size() == 1) {
            for (String schema : s.searchPath) {
                e = e != null || SystemCatalog.isSystemSchema(schema) ? e : c.catalog().enumType(schema, parts.get(0));
            }
        }
        return e == null ? java.util.Optional.empty() : java.util.Optional.of(array ? e.arrayType() : e.type());
    }

    private static CatalogSnapshot snapshot(FunctionContext c) {
        if (c.catalog() instanceof SystemCatalog s) {
            return s.snapshot();
        }
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this catalog has no pg_catalog");
    }

    private static final List<String> OID_ALIASES = List.of("regclass", "regtype", "regproc", "regprocedure",
            "regnamespace", "regrole");

    /**
     * The OID alias type a (possibly pg_catalog-qualified) type name means, or null. Casting text (or an OID) to one
     * runs its input function, which looks the name up in the catalog.
     */
    public static String oidAlias(List<String> typeName) {
        String n = typeName.get(typeName.size() - 1);
        boolean qualifiedElsewhere = typeName.size() > 1 && !typeName.get(typeName.size() - 2).equals("pg_catalog");
        return !qualifiedElsewhere && OID_ALIASES.contains(n) ? n : null;
    }

    /** The names of the functions {@link #registerAll} registers. */
    public static java.util.Set<String> names() {
        FunctionRegistry r = FunctionRegistry.empty();
        registerAll(r);
        java.util.Set<String> out = new java.util.HashSet<>();
        r.all().forEach(f -> out.add(f.name()));
        return out;
    }

    public static void registerAll(FunctionRegistry r) {
        PgType oid = PgType.OID;
        PgType text = PgType.TEXT;
        PgType bool = PgType.BOOL;
        r.register(new Function("format_type", List.of(oid, PgType.INT4), text, false, false, (c, a) -> a[0] == null
                ? null : formatType(c, (Long) a[0], a[1] == null ? -2 : (Integer) a[1])));
        r.register("pg_get_userbyid", List.of(oid), PgType.NAME, (c, a) -> {
            CatalogSnapshot.Role role = snapshot(c).role((long) (Long) a[0]);
            return role == null ? "unknown (OID=" + a[0] + ")" : role.name();
        });
        r.register("pg_table_is_visible", List.of(oid), bool, (c, a) -> {
            Rel rel = snapshot(c).rel((Long) a[0]);
            return rel == null ? null : snapshot(c).visible(rel);
        });
        r.register("pg_type_is_visible", List.of(oid), bool, (c, a) -> {
            // built-in types are in pg_catalog; an enum type is visible when its schema is on the search path
            PgType t = c.types().byOid((int) (long) (Long) a[0]);
            io.pgserve.engine.EnumType e = t == null ? null : io.pgserve.engine.internal.EnumCodec.of(c.types(), t);
            return e == null || snapshot(c).searchPath.contains(e.schema());
        });
        for (String f : List.of("pg_function_is_visible", "pg_operator_is_visible",
                "pg_opclass_is_visible", "pg_opfamily_is_visible", "pg_collation_is_visible",
                "pg_conversion_is_visible", "pg_statistics_obj_is_visible", "pg_ts_config_is_visible",
                "pg_ts_dict_is_visible", "pg_ts_parser_is_visible", "pg_ts_template_is_visible")) {
            // every such object is in pg_catalog or public, both on the search path
            r.register(f, List.of(oid), bool, (c, a) -> true);
        }
        // adbin, conbin, indexprs hold the expression's text; pg_get_expr prints it as ruleutils does (ExprText)
        r.register("pg_get_expr", List.of(text, oid), text, (c, a) -> expr(c, (String) a[0], (Long) a[1], false));
        r.register("pg_get_expr", List.of(text, oid, bool), text,
                (c, a) -> expr(c, (String) a[0], (Long) a[1], Boolean.TRUE.equals(a[2])));
        r.register("pg_get_constraintdef", List.of(oid), text, (c, a) -> constraintDef(c, (Long) a[0], false));
        r.register("pg_get_constraintdef", List.of(oid, bool), text,
                (c, a) -> constraintDef(c, (Long) a[0], Boolean.TRUE.equals(a[1])));
        r.register("pg_get_indexdef", List.of(oid), text, (c, a) -> {
            Idx x = snapshot(c).index((Long) a[0]);
            return x == null ? null : Deparse.indexDef(snapshot(c), x);
        });
        r.register("pg_get_indexdef", List.of(oid, PgType.INT4, bool), text, (c, a) -> {
            Idx x = snapshot(c).index((Long) a[0]);
            int n = (Integer) a[1];
            return x == null ? null : n == 0 ? Deparse.indexDef(snapshot(c), x) : Deparse.indexColumn(x, n);
        });
        r.register("pg_get_viewdef", List.of(oid), text, (c, a) -> viewDef(c, (Long) a[0], false));
        r.register("pg_get_viewdef", List.of(oid, bool), text,
                (c, a) -> viewDef(c, (Long) a[0], Boolean.TRUE.equals(a[1])));
        // pg_rewrite lists no rules (a view's _RETURN rule is its pg_get_viewdef): there is nothing to print
        r.register("pg_get_ruledef", List.of(oid), text, (c, a) -> null);
        r.register("pg_get_ruledef", List.of(oid, bool), text, (c, a) -> null);
        r.register("obj_description", List.of(oid, PgType.NAME), text,
                (c, a) -> description(c, (Long) a[0], (String) a[1], 0));
        r.register("obj_description", List.of(oid), text, (c, a) -> description(c, (Long) a[0], null, 0));
        r.register("col_description", List.of(oid, PgType.INT4), text,
                (c, a) -> description(c, (Long) a[0], "pg_class", (Integer) a[1]));
        r.register("shobj_description", List.of(oid, PgType.NAME), text, (c, a) -> null);
        r.register("pg_encoding_to_char", List.of(PgType.INT4), PgType.NAME, (c, a) -> switch ((Integer) a[0]) {
            case 0 -> "SQL_ASCII";
            case 6 -> "UTF8";
            default -> "";
        });
        r.register("pg_char_to_encoding", List.of(PgType.NAME), PgType.INT4, (c, a) -> switch (
                ((String) a[0]).toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "SQLASCII" -> 0;
            case "UTF8", "UNICODE" -> 6;
            default -> -1;
        });
        r.register("pg_postmaster_start_time", List.of(), PgType.TIMESTAMPTZ, (c, a) -> STARTED);
        r.register("pg_get_serial_sequence", List.of(text, text), text,
                (c, a) -> serialSequence(c, (String) a[0], (String) a[1]));
        registerPrivileges(r);
        // no partitions, triggers or extended statistics exist in a schema model: these find none
        r.tableFunctions().register("pg_partition_ancestors", List.of(RegTypes.REGCLASS),
                List.of(io.pgserve.engine.TableColumn.of("relid", RegTypes.REGCLASS)),
                (c, a) -> java.util.Collections.emptyIterator());
        r.register("pg_get_partkeydef", List.of(oid), text, (c, a) -> null);
        r.tableFunctions().register("pg_get_keywords", List.of(), Keywords.COLUMNS, (c, a) -> {
            List<Object[]> rows = new ArrayList<>();
            Keywords.rows().forEach(row -> rows.add(row.clone()));
            return rows.iterator();
        });
        // the type of its argument as the binder resolved it (unknown for an untyped literal or NULL); not strict
        r.register(new Function("pg_typeof", List.of(Overloads.ANY), RegTypes.REGTYPE, false, false,
                (Overloads.Specializable) (types, result, reg) -> {
                    long t = types.get(0).oid();
                    return (c, a) -> reg(t, Sql.formatType(c.types(), t, -1));
                }));
        r.register("pg_get_triggerdef", List.of(oid), text, (c, a) -> null);
        r.register("pg_get_triggerdef", List.of(oid, bool), text, (c, a) -> null);
        r.register("pg_get_statisticsobjdef_columns", List.of(oid), text, (c, a) -> null);
        r.register("pg_relation_is_publishable", List.of(RegTypes.REGCLASS), bool, (c, a) -> {
            Rel rel = snapshot(c).rel(((RegOid) a[0]).oid());
            return rel != null && rel.relkind() == 'r' && rel.model() != null;
        });
        // sizes on disk: a relation the catalog has takes none (its rows live in its handler); no such relation: NULL
        for (String f : List.of("pg_relation_size", "pg_total_relation_size", "pg_table_size", "pg_indexes_size")) {
            r.register(f, List.of(RegTypes.REGCLASS), PgType.INT8,
                    (c, a) -> snapshot(c).rel(((RegOid) a[0]).oid()) == null ? null : 0L);
        }
        // a database's size: that of its relations, none of which takes any disk (see above)
        r.register("pg_database_size", List.of(PgType.NAME), PgType.INT8, (c, a) -> {
            if (snapshot(c).databases.stream().noneMatch(d -> d.name().equals(a[0]))) {
                throw new PgException(SqlState.INVALID_CATALOG_NAME, "database \"" + a[0] + "\" does not exist");
            }
            return 0L;
        });
        r.register("pg_database_size", List.of(oid), PgType.INT8, (c, a) -> snapshot(c).databases.stream()
                .anyMatch(d -> d.oid() == (Long) a[0]) ? 0L : null);
        r.register("pg_size_pretty", List.of(PgType.INT8), text, (c, a) -> sizePretty((Long) a[0]));
        // no statistics are collected (pg_stat_* views show zeros, as after pg_stat_reset)
        r.register("pg_stat_get_numscans", List.of(oid), PgType.INT8, (c, a) -> 0L);
        // array bounds (pgjdbc's metadata queries call array_upper on key columns)
        r.register("array_upper", List.of(Overloads.ANYARRAY, PgType.INT4), PgType.INT4, (c, a) -> {
            PgArray arr = (PgArray) a[0];
            int d = (Integer) a[1];
            return d < 1 || d > arr.dimensions().size() ? null
                    : arr.lowerBounds().get(d - 1) + arr.dimensions().get(d - 1) - 1;
        });
        r.register("array_lower", List.of(Overloads.ANYARRAY, PgType.INT4), PgType.INT4, (c, a) -> {
            PgArray arr = (PgArray) a[0];
            int d = (Integer) a[1];
            return d < 1 || d > arr.dimensions().size() ? null : arr.lowerBounds().get(d - 1);
        });
        for (String f : List.of("regclassin", "regclass")) {
            r.register(f, List.of(text), RegTypes.REGCLASS, (c, a) -> {
                CatalogSnapshot s = snapshot(c);
                long o = regclass(c, (String) a[0]);
                Rel rel = s.rel(o);
                return reg(o, rel == null ? null : s.regclass(rel));
            });
        }
        r.register("to_regclass", List.of(text), RegTypes.REGCLASS, (c, a) -> {
            try {
                CatalogSnapshot s = snapshot(c);
                long o = regclass(c, (String) a[0]);
                Rel rel = s.rel(o);
                return rel == null ? null : reg(o, s.regclass(rel));
            } catch (PgException e) {
                return null;
            }
        });
        r.register("regtypein", List.of(text), RegTypes.REGTYPE, (c, a) -> {
            String t = (String) a[0];
            long o = isOid(t) ? Long.parseLong(t.trim()) : c.types().byName(t).or(() -> enumType(c, t))
                    .orElseThrow(() -> new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + t
                            + "\" does not exist")).oid();
            return reg(o, c.types().byOid((int) o) == null ? null : formatType(c, o, -1));
        });
        r.register("regnamespacein", List.of(text), RegTypes.REGNAMESPACE, (c, a) -> {
            String n = (String) a[0];
            CatalogSnapshot.Namespace ns = isOid(n) ? snapshot(c).namespace(Long.parseLong(n.trim()))
                    : snapshot(c).namespace(unquote(n));
            if (ns == null && !isOid(n)) {
                throw new PgException("3F000", "schema \"" + unquote(n) + "\" does not exist");
            }
            return reg(ns == null ? Long.parseLong(n.trim()) : ns.oid(), ns == null ? null : Sql.quoteIdent(ns.name()));
        });
        r.register("regrolein", List.of(text), RegTypes.REGROLE, (c, a) -> {
            String n = (String) a[0];
            CatalogSnapshot s = snapshot(c);
            CatalogSnapshot.Role role = null;
            for (CatalogSnapshot.Role x : s.roles) {
                if (isOid(n) ? x.oid() == Long.parseLong(n.trim()) : x.name().equals(unquote(n))) {
                    role = x;
                }
            }
            if (role == null && !isOid(n)) {
                throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + unquote(n) + "\" does not exist");
            }
            return reg(role == null ? Long.parseLong(n.trim()) : role.oid(), role == null ? null
                    : Sql.quoteIdent(role.name()));
        });
        r.register("regprocin", List.of(text), RegTypes.REGPROC, (c, a) -> regproc(c, (String) a[0], false));
        r.register("regprocedurein", List.of(text), RegTypes.REGPROCEDURE, (c, a) -> regproc(c, (String) a[0], true));
        r.register("pg_get_function_result", List.of(oid), text, (c, a) -> {
            Function f = function(c, (Long) a[0]);
            return f == null ? null : Sql.formatType(c.types(), f.resultType().oid(), -1);
        });
        r.register("pg_get_function_arguments", List.of(oid), text, (c, a) -> arguments(c, (Long) a[0]));
        r.register("pg_get_function_identity_arguments", List.of(oid), text, (c, a) -> arguments(c, (Long) a[0]));
    }

    /** Every role is a superuser in pgserve, so every privilege check passes (as for PostgreSQL's superusers). */
    private static void registerPrivileges(FunctionRegistry r) {
        PgType text = PgType.TEXT;
        PgType oid = PgType.OID;
        for (String object : List.of("table", "schema", "database", "sequence", "function", "column", "any_column",
                "foreign_data_wrapper", "language", "server", "tablespace", "type")) {
            String name = "has_" + object + "_privilege";
            boolean column = object.equals("column");
            // (object, privilege) and (user, object, privilege), objects by name or OID
            for (PgType o : List.of(text, oid)) {
                List<PgType> own = new ArrayList<>(List.of(o));
                if (column) {
                    own.add(text);
                }
                own.add(text);
                r.register(name, own, PgType.BOOL, (c, a) -> true);
                for (PgType user : List.of(PgType.NAME, oid)) {
                    List<PgType> withUser = new ArrayList<>(List.of(user));
                    withUser.addAll(own);
                    r.register(name, withUser, PgType.BOOL, (c, a) -> true);
                }
            }
        }
        r.register("pg_has_role", List.of(PgType.NAME, text), PgType.BOOL, (c, a) -> true);
        r.register("pg_has_role", List.of(PgType.NAME, PgType.NAME, text), PgType.BOOL, (c, a) -> true);
        r.register("pg_has_role", List.of(oid, text), PgType.BOOL, (c, a) -> true);
        r.register("pg_has_role", List.of(oid, oid, text), PgType.BOOL, (c, a) -> true);
    }

    private static boolean isOid(String s) {
        String t = s.trim();
        return !t.isEmpty() && t.chars().allMatch(Character::isDigit);
    }

    /** regclass input: an OID, or a relation name (qualified or along the search path); 42P01 when missing. */
    private static long regclass(FunctionContext c, String text) {
        if (isOid(text)) {
            return Long.parseLong(text.trim());
        }
        CatalogSnapshot s = snapshot(c);
        List<String> parts = splitName(text);
        Rel rel = null;
        if (parts.size() == 2) {
            rel = s.find(parts.get(0), parts.get(1));
        } else if (parts.size() == 1) {
            for (String schema : s.searchPath) {
                rel = s.find(schema, parts.get(0));
                if (rel != null) {
                    break;
                }
            }
        }
        if (rel == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + text + "\" does not exist");
        }
        return rel.oid();
    }

    /** A value of an OID alias type: its name, or its number when nothing has that OID ("-" for 0). */
    private static RegOid reg(long oid, String name) {
        return new RegOid(oid, oid == 0 ? "-" : name != null ? name : Long.toString(oid));
    }

    /** regproc and regprocedure input: an OID or a function name (regprocedure: with its argument types). */
    private static RegOid regproc(FunctionContext c, String text, boolean withArguments) {
        if (!(c.catalog() instanceof SystemCatalog s) || s.functions() == null) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "this catalog has no pg_catalog");
        }
        CatalogSnapshot snap = s.snapshot();
        String fn = null;
        if (!isOid(text)) {
            String name = text.contains("(") ? text.substring(0, text.indexOf('(')) : text;
            List<String> parts = splitName(name);
            fn = parts.get(parts.size() - 1);
        }
        if (fn != null && !withArguments && s.functions().lookup(fn).size() > 1) {
            throw new PgException("42725", "more than one function named \"" + text + "\"");
        }
        for (Function f : s.functions().all()) {
            long oid = snap.oids.oid("proc:" + f.name() + f.argumentTypes());
            if (fn != null ? f.name().equals(fn) : oid == Long.parseLong(text.trim())) {
                String shown = Sql.quoteIdent(f.name());
                if (withArguments) {
                    List<String> args = new ArrayList<>();
                    f.argumentTypes().forEach(t -> args.add(Sql.formatType(c.types(), t.oid(), -1)));
                    shown += "(" + String.join(",", args) + ")";
                }
                return reg(oid, shown);
            }
        }
        if (fn == null) {
            return reg(Long.parseLong(text.trim()), null);
        }
        if (!withArguments && SystemTables.isInternalProc(snap, fn)) {
            return reg(SystemTables.procOid(snap, s.functions(), fn), fn); // array_in...: named by pg_type
        }
        throw new PgException(SqlState.UNDEFINED_FUNCTION, "function \"" + text + "\" does not exist");
    }

    /** A possibly qualified, possibly quoted name split at its dots. */
    private static List<String> splitName(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        String t = text.trim();
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String constraintDef(FunctionContext c, long oid, boolean pretty) {
        CatalogSnapshot s = snapshot(c);
        Con con = s.constraint(oid);
        return con == null ? null : Deparse.constraintDef(s, con, pretty);
    }

    /** pg_get_expr: a stored expression (adbin...) of relation {@code relid}, printed pretty or fully parenthesised. */
    private static String expr(FunctionContext c, String stored, Long relid, boolean pretty) {
        if (stored == null) {
            return null;
        }
        return ExprText.of(stored, Deparse.columns(relid == null ? null : snapshot(c).rel(relid)), null, pretty);
    }

    private static String viewDef(FunctionContext c, long oid, boolean pretty) {
        Rel r = snapshot(c).rel(oid);
        if (r == null || r.model() == null) {
            return null;
        }
        return pretty ? ((SystemCatalog) c.catalog()).prettyViewDefinition(r) : r.model().viewDefinition();
    }

    private static String description(FunctionContext c, long oid, String catalog, int column) {
        CatalogSnapshot s = snapshot(c);
        if (catalog == null || catalog.equals("pg_class")) {
            Rel r = s.rel(oid);
            if (r != null && r.model() != null) {
                if (column == 0) {
                    return r.model().comment();
                }
                return column > 0 && column <= r.columns().size() ? r.columns().get(column - 1).comment() : null;
            }
        }
        if (column == 0 && (catalog == null || catalog.equals("pg_namespace"))) {
            CatalogSnapshot.Namespace n = s.namespace(oid);
            if (n != null) {
                return n.comment();
            }
        }
        return null;
    }

    /** The sequence of a serial or identity column, schema-qualified; 42P01/42703 as PostgreSQL. */
    private static String serialSequence(FunctionContext c, String table, String column) {
        CatalogSnapshot s = snapshot(c);
        String[] parts = table.split("\\.", 2);
        Rel rel = null;
        if (parts.length == 2) {
            rel = s.find(unquote(parts[0]), unquote(parts[1]));
        } else {
            for (String schema : s.searchPath) {
                rel = s.find(schema, unquote(table));
                if (rel != null) {
                    break;
                }
            }
        }
        if (rel == null || rel.model() == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist");
        }
        SchemaModel.Column col = rel.model().column(column);
        if (col == null) {
            throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                    + rel.name() + "\" does not exist");
        }
        if (col.identity() != 0) {
            return Sql.quoteIdent(rel.ns().name()) + "." + Sql.quoteIdent(rel.name() + "_" + col.name() + "_seq");
        }
        if (col.defaultExpression() == null) {
            return null;
        }
        Matcher m = NEXTVAL.matcher(col.defaultExpression());
        if (!m.matches()) {
            return null;
        }
        String seq = m.group(1).replace("''", "'");
        return seq.contains(".") ? seq : Sql.quoteIdent(rel.ns().name()) + "." + seq;
    }

    private static String unquote(String name) {
        String n = name.trim();
        if (n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")) {
            return n.substring(1, n.length() - 1).replace("\"\"", "\"");
        }
        return n.toLowerCase(java.util.Locale.ROOT);
    }

    /** The registered function pg_proc shows with this OID, or null. */
    private static Function function(FunctionContext c, long oid) {
        if (!(c.catalog() instanceof SystemCatalog s) || s.functions() == null) {
            return null;
        }
        CatalogSnapshot snap = s.snapshot();
        for (Function f : s.functions().all()) {
            if (snap.oids.oid("proc:" + f.name() + f.argumentTypes()) == oid) {
                return f;
            }
        }
        return null;
    }

    private static String arguments(FunctionContext c, long oid) {
        Function f = function(c, oid);
        if (f == null) {
            return null;
        }
        List<String> args = new ArrayList<>();
        for (int i = 0; i < f.argumentTypes().size(); i++) {
            String t = Sql.formatType(c.types(), f.argumentTypes().get(i).oid(), -1);
            args.add(f.variadic() && i == f.argumentTypes().size() - 1 ? "VARIADIC " + t + "[]" : t);
        }
        return String.join(", ", args);
    }

    /** PostgreSQL 15's pg_size_pretty(bigint): bytes below 10 kB, then kB, MB, GB, TB, PB halves rounded away. */
    static String sizePretty(long size) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        for (int u = 0; ; u++) {
            long limit = u == 0 ? 10 * 1024 : 20 * 1024 - 1;
            if (u == units.length - 1 || Math.abs(size) < limit) {
                if (u > 0) {
                    size = (size + (size < 0 ? -1 : 1)) / 2;
                }
                return size + " " + units[u];
            }
            // to kB: keep one extra bit for the rounding; then 10 bits a unit
            size /= 1L << (u == 0 ? 9 : 10);
        }
    }
}
