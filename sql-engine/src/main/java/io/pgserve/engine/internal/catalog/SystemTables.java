package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.FunctionRegistry;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.Composite;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Con;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Idx;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Namespace;
import io.pgserve.engine.internal.catalog.CatalogSnapshot.Rel;
import io.pgserve.server.SessionContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of the emulated system relations, generated from a {@link CatalogSnapshot}. A relation without a
 * generator here is empty (pg_trigger, pg_policy, pg_inherits...: nothing of the kind exists).
 */
final class SystemTables {
    private SystemTables() {
    }

    /** One row of a system relation; columns not set are false, 0 or NULL by type. */
    private static final class Row {
        final SystemRelations.Def def;
        final Object[] values;

        Row(SystemRelations.Def def) {
            this.def = def;
            this.values = new Object[def.columns().size()];
            // information_schema's columns are NULL where nothing applies; pg_catalog's numbers and flags are 0/false
            if (!def.schema().equals("information_schema")) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = zero(def.columns().get(i));
                }
            }
        }

        Row set(String column, Object value) {
            int i = def.column(column);
            if (value instanceof PgArray a && !a.isEmpty() && Composite.isVector(def.columns().get(i).type())) {
                value = a.withLowerBounds(0); // int2vector, oidvector
            }
            values[i] = value;
            return this;
        }
    }

    private static Object zero(TableColumn c) {
        return switch (c.type().oid()) {
            case 16 -> Boolean.FALSE;
            case 21 -> (short) 0;
            case 23 -> 0;
            case 20, 26 -> 0L;
            case 700 -> 0f;
            default -> null;
        };
    }

    /** The rows of {@code def} in this snapshot. */
    static List<Object[]> rows(SystemRelations.Def def, CatalogSnapshot s, FunctionRegistry functions) {
        List<Row> out = new ArrayList<>();
        String key = def.schema() + "." + def.name();
        switch (key) {
            case "pg_catalog.pg_namespace" -> namespaces(def, s, out);
            case "pg_catalog.pg_class" -> classes(def, s, out);
            case "pg_catalog.pg_attribute" -> attributes(def, s, out);
            case "pg_catalog.pg_type" -> types(def, s, out);
            case "pg_catalog.pg_attrdef" -> attrdefs(def, s, out);
            case "pg_catalog.pg_index" -> indexes(def, s, out);
            case "pg_catalog.pg_constraint" -> constraints(def, s, out);
            case "pg_catalog.pg_description" -> descriptions(def, s, out);
            case "pg_catalog.pg_am" -> {
                out.add(new Row(def).set("oid", 2L).set("amname", "heap").set("amhandler", "heap_tableam_handler")
                        .set("amtype", "t"));
                out.add(new Row(def).set("oid", 403L).set("amname", "btree").set("amhandler", "bthandler")
                        .set("amtype", "i"));
                out.add(new Row(def).set("oid", 405L).set("amname", "hash").set("amhandler", "hashhandler")
                        .set("amtype", "i"));
            }
            case "pg_catalog.pg_database" -> databases(def, s, out);
            case "pg_catalog.pg_roles", "pg_catalog.pg_authid", "pg_catalog.pg_user" -> roles(def, s, out);
            case "pg_catalog.pg_settings" -> settings(def, s, out);
            case "pg_catalog.pg_tablespace" -> {
                out.add(new Row(def).set("oid", 1663L).set("spcname", "pg_default").set("spcowner", 10L));
                out.add(new Row(def).set("oid", 1664L).set("spcname", "pg_global").set("spcowner", 10L));
            }
            case "pg_catalog.pg_collation" -> {
                out.add(collation(def, 100, "default", "d", null));
                out.add(collation(def, 950, "C", "c", "C"));
                out.add(collation(def, 951, "POSIX", "c", "POSIX"));
            }
            case "pg_catalog.pg_enum" -> enums(def, s, out);
            case "pg_catalog.pg_proc" -> procs(def, s, functions, out);
            case "pg_catalog.pg_tables", "pg_catalog.pg_views", "pg_catalog.pg_sequences" -> relationViews(def, s,
                    out);
            case "pg_catalog.pg_indexes" -> {
                for (Idx x : s.indexes) {
                    out.add(new Row(def).set("schemaname", x.rel().ns().name()).set("tablename", x.rel().name())
                            .set("indexname", x.name()).set("indexdef", Deparse.indexDef(s, x)));
                }
            }
            case "pg_catalog.pg_sequence" -> {
                for (Rel r : s.relations) {
                    if (r.relkind() == 'S') {
                        SchemaEditor.SequenceOptions o = sequenceOptions(r);
                        out.add(new Row(def).set("seqrelid", (long) r.oid()).set("seqtypid", (long) o.type().oid())
                                .set("seqstart", o.start()).set("seqincrement", o.increment())
                                .set("seqmax", o.maxValue()).set("seqmin", o.minValue()).set("seqcache", 1L)
                                .set("seqcycle", o.cycle()));
                    }
                }
            }
            case "pg_catalog.pg_depend" -> {
                // only what clients read: a serial or identity column's sequence depends on the column ('a'
                // automatic, 'i' internal for identity), as psql's \d shows with "Owned by" / "Sequence for ..."
                for (Rel r : s.relations) {
                    SchemaEditor.SequenceOptions o = r.relkind() == 'S' ? sequenceOptions(r) : null;
                    Rel table = o == null || o.ownedByTable() == null ? null : s.find(r.ns().name(), o.ownedByTable());
                    int attnum = table == null ? 0 : table.attnum(o.ownedByColumn());
                    if (attnum > 0) {
                        boolean identity = table.columns().get(attnum - 1).identity() != 0;
                        out.add(new Row(def).set("classid", (long) CatalogSnapshot.PG_CLASS)
                                .set("objid", (long) r.oid()).set("objsubid", 0)
                                .set("refclassid", (long) CatalogSnapshot.PG_CLASS).set("refobjid", (long) table.oid())
                                .set("refobjsubid", attnum).set("deptype", identity ? "i" : "a"));
                    }
                }
            }
            case "pg_catalog.pg_stat_activity" -> activity(def, s, out);
            case "information_schema.schemata" -> {
                for (Namespace n : s.namespaces) {
                    out.add(new Row(def).set("catalog_name", s.database()).set("schema_name", n.name())
                            .set("schema_owner", roleName(s, n.owner())));
                }
            }
            case "information_schema.tables" -> infoTables(def, s, out);
            case "information_schema.columns" -> infoColumns(def, s, out);
            case "information_schema.views" -> {
                for (Rel r : s.relations) {
                    if (r.relkind() == 'v' && r.model() != null) {
                        out.add(new Row(def).set("table_catalog", s.database()).set("table_schema", r.ns().name())
                                .set("table_name", r.name()).set("view_definition", r.model().viewDefinition())
                                .set("check_option", "NONE").set("is_updatable", yesNo(autoUpdatable(s, r)))
                                .set("is_insertable_into", yesNo(autoUpdatable(s, r))).set("is_trigger_updatable", "NO")
                                .set("is_trigger_deletable", "NO").set("is_trigger_insertable_into", "NO"));
                    }
                }
            }
            case "information_schema.routines", "information_schema.parameters" -> routines(def, s, functions, out);
            case "information_schema.table_constraints" -> tableConstraints(def, s, out);
            case "information_schema.key_column_usage" -> keyColumnUsage(def, s, out);
            case "information_schema.referential_constraints" -> referentialConstraints(def, s, out);
            default -> {
            }
        }
        List<Object[]> rows = new ArrayList<>(out.size());
        out.forEach(r -> rows.add(r.values));
        Map<String, Long> procs = null;
        for (int i = 0; i < def.columns().size(); i++) {
            if (def.columns().get(i).type().oid() == RegTypes.REGPROC.oid()) {
                procs = procs != null ? procs : procOids(s, functions);
                for (Object[] row : rows) {
                    String name = row[i] == null ? "-" : row[i].toString();
                    Long oid = procs.get(name);
                    row[i] = new RegOid(oid == null ? 0 : oid, oid == null ? "-" : name);
                }
            }
        }
        return rows;
    }

    /**
     * The OID regproc gives a function name: a registered function's pg_proc OID (the first overload's), else the
     * OID of a built-in that pg_type or pg_am names (array_in, int4out...) without a pg_proc row here.
     */
    static long procOid(CatalogSnapshot s, FunctionRegistry functions, String name) {
        if (functions != null) {
            for (FunctionRegistry.Function f : functions.all()) {
                if (f.name().equals(name)) {
                    return s.oids.oid("proc:" + f.name() + f.argumentTypes());
                }
            }
        }
        return s.oids.oid("proc:io:" + name);
    }

    /** Whether this is a type's I/O function (array_in, int4out...), which pg_proc lists for pg_type and pg_am. */
    static boolean isInternalProc(CatalogSnapshot s, String name) {
        return ioFunctions(s).contains(name);
    }

    /**
     * The OIDs of pg_proc's functions by name (regproc columns name them): the engine's functions (the first overload)
     * and the I/O functions of the built-in types, which pg_proc lists too (Npgsql joins pg_type.typreceive to it).
     */
    private static Map<String, Long> procOids(CatalogSnapshot s, FunctionRegistry functions) {
        Map<String, Long> out = new java.util.HashMap<>();
        if (functions != null) {
            for (FunctionRegistry.Function f : functions.all()) {
                out.putIfAbsent(f.name(), (long) s.oids.oid("proc:" + f.name() + f.argumentTypes()));
            }
        }
        for (String name : ioFunctions(s)) {
            out.putIfAbsent(name, (long) s.oids.oid("proc:io:" + name));
        }
        return out;
    }

    /** The names of the types' input, output, receive, send, typmod, analyze and subscript functions. */
    private static java.util.SortedSet<String> ioFunctions(CatalogSnapshot s) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(List.of("array_in", "array_out", "array_recv",
                "array_send", "array_typanalyze", "array_subscript_handler", "enum_in", "enum_out", "enum_recv",
                "enum_send"));
        for (PgType t : s.types.types()) {
            TypeInfo ti = TypeInfo.of(t);
            for (String f : new String[] {ti.input, ti.output, ti.receive, ti.send, ti.modin, ti.modout, ti.analyze}) {
                if (f != null && !f.equals("-")) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static String roleName(CatalogSnapshot s, int oid) {
        CatalogSnapshot.Role r = s.role(oid);
        return r == null ? "unknown (OID=" + oid + ")" : r.name();
    }

    private static void namespaces(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Namespace n : s.namespaces) {
            out.add(new Row(def).set("oid", (long) n.oid()).set("nspname", n.name()).set("nspowner", (long) n.owner()));
        }
    }

    private static void classes(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Rel r : s.relations) {
            boolean table = r.relkind() == 'r';
            long checks = r.model() == null ? 0 : r.model().constraints().stream()
                    .filter(c -> c.type() == SchemaModel.ConstraintType.CHECK).count();
            boolean hasIndex = s.indexes.stream().anyMatch(x -> x.rel() == r);
            // a foreign key makes PostgreSQL create RI triggers on both tables (psql shows FKs only then)
            boolean hasTriggers = s.constraints.stream().anyMatch(c -> c.c().type()
                    == SchemaModel.ConstraintType.FOREIGN_KEY && (c.rel() == r || c.referenced() == r));
            out.add(new Row(def).set("oid", (long) r.oid()).set("relname", r.name())
                    .set("relnamespace", (long) r.ns().oid()).set("relowner", (long) r.owner())
                    .set("relam", (long) (table ? CatalogSnapshot.HEAP_AM : r.relkind() == 'i'
                            ? CatalogSnapshot.BTREE_AM : 0))
                    .set("relfilenode", (long) (r.relkind() == 'v' ? 0 : r.oid()))
                    // a new btree index has its metapage and counts 0 tuples; a table never vacuumed counts -1
                    .set("reltuples", r.relkind() == 'i' ? 0f : -1f).set("relpages", r.relkind() == 'i' ? 1 : 0)
                    .set("relhasindex", hasIndex)
                    .set("relpersistence", "p").set("relkind", String.valueOf(r.relkind()))
                    .set("relnatts", (short) r.columns().size()).set("relchecks", (short) checks)
                    .set("relhasrules", r.relkind() == 'v').set("relhastriggers", hasTriggers)
                    .set("relispopulated", true).set("relreplident", table ? "d" : "n")
                    .set("relfrozenxid", 0L).set("relminmxid", 0L));
        }
    }

    private static void attributes(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Rel r : s.relations) {
            if (r.relkind() == 'S' && r.columns().isEmpty()) { // a sequence's one row: last_value, log_cnt, is_called
                Object[][] seq = {{"last_value", PgType.INT8}, {"log_cnt", PgType.INT8}, {"is_called", PgType.BOOL}};
                for (int i = 0; i < seq.length; i++) {
                    PgType t = (PgType) seq[i][1];
                    TypeInfo ti = TypeInfo.of(t);
                    out.add(new Row(def).set("attrelid", (long) r.oid()).set("attname", seq[i][0])
                            .set("atttypid", (long) t.oid()).set("attstattarget", -1).set("attlen", t.length())
                            .set("attnum", (short) (i + 1)).set("attcacheoff", -1).set("atttypmod", -1)
                            .set("attbyval", ti.byval).set("attalign", ti.align).set("attstorage", ti.storage)
                            .set("attcompression", "").set("attnotnull", true).set("attidentity", "")
                            .set("attgenerated", "").set("attislocal", true));
                }
            }
            for (int i = 0; i < r.columns().size(); i++) {
                SchemaModel.Column c = r.columns().get(i);
                PgType t = c.type();
                TypeInfo ti = TypeInfo.of(t);
                out.add(new Row(def).set("attrelid", (long) r.oid()).set("attname", c.name())
                        .set("atttypid", (long) t.oid()).set("attstattarget", -1).set("attlen", t.length())
                        .set("attnum", (short) (i + 1)).set("attndims", t.isArray() ? 1 : 0).set("attcacheoff", -1)
                        .set("atttypmod", c.typeModifier()).set("attbyval", ti.byval).set("attalign", ti.align)
                        .set("attstorage", ti.storage).set("attcompression", "").set("attnotnull", c.notNull())
                        .set("atthasdef", c.defaultExpression() != null)
                        .set("attidentity", c.identity() == 0 ? "" : String.valueOf(c.identity()))
                        .set("attgenerated", "").set("attislocal", true)
                        .set("attcollation", (long) (ti.collatable ? CatalogSnapshot.DEFAULT_COLLATION : 0)));
            }
            if (SystemColumns.has(r.relkind())) {
                for (SystemColumns.Def c : SystemColumns.ALL) {
                    TypeInfo ti = TypeInfo.of(c.type());
                    out.add(new Row(def).set("attrelid", (long) r.oid()).set("attname", c.name())
                            .set("atttypid", (long) c.type().oid()).set("attlen", c.type().length())
                            .set("attnum", c.attnum()).set("attcacheoff", -1).set("atttypmod", -1)
                            .set("attbyval", ti.byval).set("attalign", ti.align).set("attstorage", ti.storage)
                            .set("attcompression", "").set("attnotnull", true).set("attidentity", "")
                            .set("attgenerated", "").set("attislocal", true).set("attcollation", 0L));
                }
            }
        }
    }

    private static void types(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (io.pgserve.engine.EnumType e : s.enumTypes) {
            Namespace ns = s.namespace(e.schema());
            long nsOid = ns == null ? 2200L : ns.oid();
            PgType t = e.type();
            out.add(new Row(def).set("oid", (long) t.oid()).set("typname", t.name()).set("typnamespace", nsOid)
                    .set("typowner", 10L).set("typlen", t.length()).set("typbyval", true).set("typtype", "e")
                    .set("typcategory", "E").set("typispreferred", false).set("typisdefined", true)
                    .set("typdelim", ",").set("typsubscript", "-").set("typelem", 0L)
                    .set("typarray", (long) t.arrayOid()).set("typinput", "enum_in").set("typoutput", "enum_out")
                    .set("typreceive", "enum_recv").set("typsend", "enum_send").set("typmodin", "-")
                    .set("typmodout", "-").set("typanalyze", "-").set("typalign", "i").set("typstorage", "p")
                    .set("typtypmod", -1).set("typcollation", 0L));
            PgType a = e.arrayType();
            out.add(new Row(def).set("oid", (long) a.oid()).set("typname", a.name()).set("typnamespace", nsOid)
                    .set("typowner", 10L).set("typlen", a.length()).set("typbyval", false).set("typtype", "b")
                    .set("typcategory", "A").set("typispreferred", false).set("typisdefined", true)
                    .set("typdelim", ",").set("typsubscript", "array_subscript_handler")
                    .set("typelem", (long) t.oid()).set("typarray", 0L).set("typinput", "array_in")
                    .set("typoutput", "array_out").set("typreceive", "array_recv").set("typsend", "array_send")
                    .set("typmodin", "-").set("typmodout", "-").set("typanalyze", "array_typanalyze")
                    .set("typalign", "i").set("typstorage", "x").set("typtypmod", -1).set("typcollation", 0L));
        }
        for (PgType t : s.types.types()) {
            TypeInfo ti = TypeInfo.of(t);
            boolean isEnum = t.category() == 'E';
            Namespace ns = t.oid() < 16384 ? s.namespace("pg_catalog") : s.namespace("public");
            boolean array = t.isArray() && !Composite.isVector(t); // int2vector has its own I/O functions
            String prefix = isEnum ? "enum_" : array ? "array_" : null;
            out.add(new Row(def).set("oid", (long) t.oid()).set("typname", t.name())
                    .set("typnamespace", (long) (ns == null ? CatalogSnapshot.PG_CATALOG : ns.oid()))
                    .set("typowner", 10L).set("typlen", t.length()).set("typbyval", ti.byval)
                    .set("typtype", isEnum ? "e" : ti.typtype).set("typcategory", String.valueOf(t.category()))
                    .set("typispreferred", ti.preferred).set("typisdefined", true).set("typdelim", ti.delim)
                    .set("typsubscript", t.isArray() ? "array_subscript_handler" : "-")
                    .set("typelem", (long) t.elementOid()).set("typarray", (long) t.arrayOid())
                    .set("typinput", prefix != null ? prefix + "in" : ti.input)
                    .set("typoutput", prefix != null ? prefix + "out" : ti.output)
                    .set("typreceive", prefix != null ? prefix + "recv" : ti.receive)
                    .set("typsend", prefix != null ? prefix + "send" : ti.send)
                    .set("typmodin", array ? typmodOfElement(s, t, true) : ti.modin)
                    .set("typmodout", array ? typmodOfElement(s, t, false) : ti.modout)
                    .set("typanalyze", array ? "array_typanalyze" : ti.analyze)
                    .set("typalign", ti.align).set("typstorage", ti.storage).set("typtypmod", -1)
                    .set("typcollation", (long) (ti.collatable ? CatalogSnapshot.DEFAULT_COLLATION : 0)));
        }
    }

    private static String typmodOfElement(CatalogSnapshot s, PgType array, boolean in) {
        PgType e = s.types.byOid(array.elementOid());
        TypeInfo ti = e == null ? TypeInfo.of(PgType.TEXT) : TypeInfo.of(e);
        return in ? ti.modin : ti.modout;
    }

    private static void enums(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (io.pgserve.engine.EnumType e : s.enumTypes) {
            for (io.pgserve.engine.EnumType.Value v : e.values()) {
                out.add(new Row(def).set("oid", (long) v.oid()).set("enumtypid", (long) e.type().oid())
                        .set("enumsortorder", v.sortOrder()).set("enumlabel", v.label()));
            }
        }
        for (PgType t : s.types.types()) {
            List<String> labels = s.types.enumLabels(t);
            for (int i = 0; i < labels.size(); i++) {
                out.add(new Row(def).set("oid", (long) s.oids.oid("enum:" + t.oid() + "." + i))
                        .set("enumtypid", (long) t.oid()).set("enumsortorder", (float) (i + 1))
                        .set("enumlabel", labels.get(i)));
            }
        }
    }

    private static void attrdefs(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Rel r : s.relations) {
            if (r.model() == null) {
                continue;
            }
            for (int i = 0; i < r.columns().size(); i++) {
                String d = r.columns().get(i).defaultExpression();
                if (d != null) {
                    out.add(new Row(def).set("oid", (long) s.attrdefOid(r, i + 1)).set("adrelid", (long) r.oid())
                            .set("adnum", (short) (i + 1)).set("adbin", d));
                }
            }
        }
    }

    private static PgArray shorts(List<Integer> values) {
        List<Short> out = new ArrayList<>();
        values.forEach(v -> out.add(v.shortValue()));
        return PgArray.of(PgType.INT2, out);
    }

    private static List<Integer> attnums(Rel r, List<String> columns) {
        List<Integer> out = new ArrayList<>();
        for (String c : columns) {
            out.add(r.attnum(c));
        }
        return out;
    }

    private static void indexes(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Idx x : s.indexes) {
            List<Integer> keys = attnums(x.rel(), x.columns());
            List<Long> zeros = new ArrayList<>();
            List<Long> opclasses = new ArrayList<>();
            List<Short> options = new ArrayList<>();
            for (String c : x.columns()) {
                SchemaModel.Column col = x.rel().model().column(c);
                zeros.add(col != null && TypeInfo.of(col.type()).collatable ? 100L : 0L);
                opclasses.add(0L);
                options.add((short) 0);
            }
            out.add(new Row(def).set("indexrelid", (long) x.oid()).set("indrelid", (long) x.rel().oid())
                    .set("indnatts", (short) keys.size()).set("indnkeyatts", (short) keys.size())
                    .set("indisunique", x.unique()).set("indisprimary", x.primary()).set("indimmediate", true)
                    .set("indisvalid", true).set("indisready", true).set("indislive", true)
                    .set("indkey", shorts(keys)).set("indcollation", PgArray.of(PgType.OID, zeros))
                    .set("indclass", PgArray.of(PgType.OID, opclasses)).set("indoption", PgArray.of(PgType.INT2,
                            options)));
        }
    }

    private static void constraints(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Con c : s.constraints) {
            SchemaModel.Constraint m = c.c();
            boolean fk = m.type() == SchemaModel.ConstraintType.FOREIGN_KEY;
            Row row = new Row(def).set("oid", (long) c.oid()).set("conname", m.name())
                    .set("connamespace", (long) c.rel().ns().oid()).set("contype", String.valueOf(m.type().contype()))
                    .set("convalidated", true).set("conrelid", (long) c.rel().oid())
                    .set("conindid", (long) c.indexOid()).set("conislocal", true)
                    .set("confupdtype", fk ? String.valueOf(m.onUpdate() == 0 ? 'a' : m.onUpdate()) : " ")
                    .set("confdeltype", fk ? String.valueOf(m.onDelete() == 0 ? 'a' : m.onDelete()) : " ")
                    .set("confmatchtype", fk ? "s" : " ")
                    .set("connoinherit", m.type() == SchemaModel.ConstraintType.PRIMARY_KEY
                            || m.type() == SchemaModel.ConstraintType.UNIQUE)
                    .set("conkey", m.columns().isEmpty() ? null : shorts(attnums(c.rel(), m.columns())))
                    .set("conbin", m.check());
            if (fk && c.referenced() != null) {
                row.set("confrelid", (long) c.referenced().oid())
                        .set("confkey", shorts(attnums(c.referenced(), m.referencedColumns())));
            }
            out.add(row);
        }
    }

    private static void descriptions(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Namespace n : s.namespaces) {
            if (n.comment() != null) {
                out.add(description(def, n.oid(), CatalogSnapshot.PG_NAMESPACE, 0, n.comment()));
            }
        }
        for (Rel r : s.relations) {
            if (r.model() == null) {
                continue;
            }
            if (r.model().comment() != null) {
                out.add(description(def, r.oid(), CatalogSnapshot.PG_CLASS, 0, r.model().comment()));
            }
            for (int i = 0; i < r.columns().size(); i++) {
                String comment = r.columns().get(i).comment();
                if (comment != null) {
                    out.add(description(def, r.oid(), CatalogSnapshot.PG_CLASS, i + 1, comment));
                }
            }
        }
    }

    private static Row description(SystemRelations.Def def, int oid, int classoid, int subid, String text) {
        return new Row(def).set("objoid", (long) oid).set("classoid", (long) classoid).set("objsubid", subid)
                .set("description", text);
    }

    private static void databases(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (CatalogSnapshot.Database d : s.databases) {
            out.add(new Row(def).set("oid", (long) d.oid()).set("datname", d.name()).set("datdba", 10L)
                    .set("encoding", 6).set("datlocprovider", "c").set("datallowconn", true).set("datconnlimit", -1)
                    .set("dattablespace", 1663L).set("datcollate", "C").set("datctype", "C"));
        }
    }

    private static void roles(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        boolean user = def.name().equals("pg_user");
        for (CatalogSnapshot.Role r : s.roles) {
            boolean su = r.superuser(); // every login role of pgserve is a superuser; pg_database_owner is not
            if (user && !su) {
                continue; // pg_user lists the roles that can log in
            }
            Row row = new Row(def);
            if (user) {
                row.set("usename", r.name()).set("usesysid", (long) r.oid()).set("usecreatedb", true)
                        .set("usesuper", true).set("userepl", true).set("usebypassrls", true)
                        .set("passwd", "********");
            } else {
                row.set("oid", (long) r.oid()).set("rolname", r.name()).set("rolsuper", su)
                        .set("rolinherit", true).set("rolcreaterole", su).set("rolcreatedb", su)
                        .set("rolcanlogin", su).set("rolreplication", su).set("rolbypassrls", su)
                        .set("rolconnlimit", -1).set("rolpassword", def.name().equals("pg_roles") ? "********" : null);
            }
            out.add(row);
        }
    }

    /** Run-time parameters pg_settings lists when the session knows them. */
    private static final List<String> SETTINGS = List.of("application_name", "bytea_output", "client_encoding",
            "client_min_messages", "DateStyle", "default_transaction_isolation", "default_transaction_read_only",
            "extra_float_digits", "integer_datetimes", "IntervalStyle", "is_superuser", "lc_collate", "lc_ctype",
            "lc_messages", "lc_monetary", "lc_numeric", "lc_time", "max_identifier_length", "search_path",
            "server_encoding", "server_version", "server_version_num", "session_authorization",
            "standard_conforming_strings", "statement_timeout", "TimeZone", "transaction_isolation",
            "transaction_read_only");

    /** PostgreSQL 15's vartype and context of the listed run-time parameters (others: string, user). */
    private static final Map<String, String[]> SETTING_KINDS = Map.ofEntries(
            Map.entry("bytea_output", new String[] {"enum", "user"}),
            Map.entry("client_min_messages", new String[] {"enum", "user"}),
            Map.entry("default_transaction_isolation", new String[] {"enum", "user"}),
            Map.entry("default_transaction_read_only", new String[] {"bool", "user"}),
            Map.entry("extra_float_digits", new String[] {"integer", "user"}),
            Map.entry("integer_datetimes", new String[] {"bool", "internal"}),
            Map.entry("IntervalStyle", new String[] {"enum", "user"}),
            Map.entry("is_superuser", new String[] {"bool", "internal"}),
            Map.entry("lc_collate", new String[] {"string", "internal"}),
            Map.entry("lc_ctype", new String[] {"string", "internal"}),
            Map.entry("lc_messages", new String[] {"string", "superuser"}),
            Map.entry("max_identifier_length", new String[] {"integer", "internal"}),
            Map.entry("server_encoding", new String[] {"string", "internal"}),
            Map.entry("server_version", new String[] {"string", "internal"}),
            Map.entry("server_version_num", new String[] {"integer", "internal"}),
            Map.entry("standard_conforming_strings", new String[] {"bool", "user"}),
            Map.entry("statement_timeout", new String[] {"integer", "user"}),
            Map.entry("transaction_isolation", new String[] {"enum", "user"}),
            Map.entry("transaction_read_only", new String[] {"bool", "user"}));

    /** PostgreSQL 15's compiled-in limits (context internal) that drivers read from pg_settings: value, vartype. */
    private static final Map<String, String[]> FIXED_SETTINGS = Map.of(
            "max_index_keys", new String[] {"32", "integer"},
            "max_identifier_length", new String[] {"63", "integer"},
            "max_function_args", new String[] {"100", "integer"},
            "block_size", new String[] {"8192", "integer"},
            "segment_size", new String[] {"131072", "integer"},
            "wal_block_size", new String[] {"8192", "integer"},
            "data_checksums", new String[] {"off", "bool"});

    private static void settings(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        List<String> names = new ArrayList<>(SETTINGS);
        if (s.session != null) {
            for (String n : s.session.startupParameters().keySet()) {
                if (names.stream().noneMatch(x -> x.equalsIgnoreCase(n)) && !n.equals("user")
                        && !n.equals("database") && !n.equals("options") && !n.equals("replication")) {
                    names.add(n);
                }
            }
        }
        for (String n : FIXED_SETTINGS.keySet()) {
            if (names.stream().noneMatch(x -> x.equalsIgnoreCase(n))) {
                names.add(n);
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        for (String n : names) {
            Optional<String> v = s.session == null ? Optional.empty() : s.session.parameter(n);
            if (v.isEmpty() && FIXED_SETTINGS.containsKey(n)) {
                String[] f = FIXED_SETTINGS.get(n);
                out.add(new Row(def).set("name", n).set("setting", f[0]).set("context", "internal")
                        .set("vartype", f[1]).set("source", "default").set("boot_val", f[0]).set("reset_val", f[0]));
                continue;
            }
            if (v.isPresent()) {
                String[] kind = SETTING_KINDS.getOrDefault(n, new String[] {"string", "user"});
                out.add(new Row(def).set("name", n).set("setting", v.get()).set("context", kind[1])
                        .set("vartype", kind[0]).set("source", "session").set("boot_val", v.get())
                        .set("reset_val", v.get()));
            }
        }
    }

    private static Row collation(SystemRelations.Def def, int oid, String name, String provider, String locale) {
        return new Row(def).set("oid", (long) oid).set("collname", name).set("collnamespace", 11L)
                .set("collowner", 10L).set("collprovider", provider).set("collisdeterministic", true)
                .set("collencoding", -1).set("collcollate", locale).set("collctype", locale);
    }

    private static void procs(SystemRelations.Def def, CatalogSnapshot s, FunctionRegistry functions, List<Row> out) {
        if (functions == null) {
            return;
        }
        for (FunctionRegistry.Function f : functions.all()) {
            List<Long> args = new ArrayList<>();
            f.argumentTypes().forEach(t -> args.add((long) t.oid()));
            String sig = f.name() + f.argumentTypes();
            out.add(new Row(def).set("oid", (long) s.oids.oid("proc:" + sig)).set("proname", f.name())
                    .set("pronamespace", 11L).set("proowner", 10L).set("prolang", 12L).set("procost", 1f)
                    .set("provariadic", f.variadic() ? (long) f.argumentTypes().get(f.argumentTypes().size() - 1)
                            .oid() : 0L)
                    .set("prosupport", "-").set("prokind", "f").set("proisstrict", f.strict())
                    .set("provolatile", "v").set("proparallel", "s").set("pronargs", (short) args.size())
                    .set("prorettype", (long) f.resultType().oid()).set("proargtypes", PgArray.of(PgType.OID, args))
                    .set("prosrc", f.name()));
        }
        Map<String, Long> engine = new java.util.HashMap<>();
        functions.all().forEach(f -> engine.put(f.name(), 0L));
        for (String name : ioFunctions(s)) {
            if (!engine.containsKey(name)) { // an I/O function: internal, strict, immutable (its types not kept)
                out.add(new Row(def).set("oid", (long) s.oids.oid("proc:io:" + name)).set("proname", name)
                        .set("pronamespace", 11L).set("proowner", 10L).set("prolang", 12L).set("procost", 1f)
                        .set("prosupport", "-").set("prokind", "f").set("proisstrict", true).set("provolatile", "i")
                        .set("proparallel", "s").set("proargtypes", PgArray.of(PgType.OID, List.of()))
                        .set("prosrc", name));
            }
        }
    }

    /**
     * information_schema.routines (one row per pg_proc row) and parameters (one per argument), as PostgreSQL's views
     * derive them from pg_proc: specific_name is {@code name_oid}, every function is volatile (as pg_proc says).
     */
    private static void routines(SystemRelations.Def def, CatalogSnapshot s, FunctionRegistry functions,
                                 List<Row> out) {
        if (functions == null) {
            return;
        }
        boolean parameters = def.name().equals("parameters");
        for (FunctionRegistry.Function f : functions.all()) {
            long oid = s.oids.oid("proc:" + f.name() + f.argumentTypes());
            String specific = f.name() + "_" + oid;
            if (!parameters) {
                Row row = new Row(def).set("specific_catalog", s.database()).set("specific_schema", "pg_catalog")
                        .set("specific_name", specific).set("routine_catalog", s.database())
                        .set("routine_schema", "pg_catalog").set("routine_name", f.name())
                        .set("routine_type", "FUNCTION").set("dtd_identifier", "0").set("routine_body", "EXTERNAL")
                        .set("routine_definition", f.name()).set("external_language", "INTERNAL")
                        .set("parameter_style", "GENERAL").set("is_deterministic", "NO")
                        .set("sql_data_access", "MODIFIES").set("is_null_call", f.strict() ? "YES" : "NO")
                        .set("schema_level_routine", "YES").set("max_dynamic_result_sets", 0)
                        .set("security_type", "INVOKER").set("as_locator", "NO").set("is_udt_dependent", "NO");
                routineType(s, row, f.resultType(), "type_udt_");
                out.add(row);
                continue;
            }
            for (int i = 0; i < f.argumentTypes().size(); i++) {
                Row row = new Row(def).set("specific_catalog", s.database()).set("specific_schema", "pg_catalog")
                        .set("specific_name", specific).set("ordinal_position", i + 1).set("parameter_mode", "IN")
                        .set("is_result", "NO").set("as_locator", "NO").set("dtd_identifier", String.valueOf(i + 1));
                routineType(s, row, f.argumentTypes().get(i), "udt_");
                out.add(row);
            }
        }
    }

    /** data_type and the udt columns of a routine's result or parameter type. */
    private static void routineType(CatalogSnapshot s, Row row, PgType t, String udt) {
        boolean array = t.isArray() && t.length() == -1;
        row.set("data_type", array ? "ARRAY" : t.oid() < 16384 ? Sql.formatType(s.types, t.oid(), -1)
                : "USER-DEFINED").set(udt + "catalog", s.database())
                .set(udt + "schema", t.oid() < 16384 ? "pg_catalog" : "public").set(udt + "name", t.name());
    }

    private static void relationViews(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        char kind = switch (def.name()) {
            case "pg_tables" -> 'r';
            case "pg_views" -> 'v';
            default -> 'S';
        };
        for (Rel r : s.relations) {
            if (r.relkind() != kind) {
                continue;
            }
            Row row = new Row(def).set("schemaname", r.ns().name());
            String owner = roleName(s, r.owner());
            switch (kind) {
                case 'r' -> row.set("tablename", r.name()).set("tableowner", owner)
                        .set("hasindexes", s.indexes.stream().anyMatch(x -> x.rel() == r));
                case 'v' -> row.set("viewname", r.name()).set("viewowner", owner)
                        .set("definition", r.model() == null ? null : r.model().viewDefinition());
                default -> {
                    SchemaEditor.SequenceOptions o = sequenceOptions(r);
                    row.set("sequencename", r.name()).set("sequenceowner", owner)
                            .set("data_type", new RegOid(o.type().oid(), Sql.formatType(s.types, o.type().oid(), -1)))
                            .set("start_value", o.start())
                            .set("min_value", o.minValue()).set("max_value", o.maxValue())
                            .set("increment_by", o.increment()).set("cycle", o.cycle()).set("cache_size", 1L);
                }
            }
            out.add(row);
        }
    }

    /** A sequence's options: its model's, else CREATE SEQUENCE's defaults. */
    private static SchemaEditor.SequenceOptions sequenceOptions(Rel r) {
        return r.model() != null && r.model().sequence() != null ? r.model().sequence()
                : SchemaEditor.SequenceOptions.of(Long.MAX_VALUE);
    }

    private static void activity(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (SessionContext c : s.sessions) {
            CatalogSnapshot.Database db = s.databases.stream().filter(d -> d.name().equals(c.database()))
                    .findFirst().orElse(null);
            boolean me = c == s.session;
            out.add(new Row(def).set("datid", db == null ? null : (long) db.oid()).set("datname", c.database())
                    .set("pid", c.processId()).set("usesysid", (long) s.role(c.user()).oid())
                    .set("usename", c.user()).set("application_name", c.parameter("application_name").orElse(""))
                    .set("state", me ? "active" : "idle").set("backend_type", "client backend")
                    .set("query", ""));
        }
    }

    private static void infoTables(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Rel r : s.relations) {
            String type = switch (r.relkind()) {
                case 'r' -> "BASE TABLE";
                case 'v' -> "VIEW";
                default -> null;
            };
            if (type == null) {
                continue;
            }
            boolean table = r.relkind() == 'r' || autoUpdatable(s, r);
            out.add(new Row(def).set("table_catalog", s.database()).set("table_schema", r.ns().name())
                    .set("table_name", r.name()).set("table_type", type)
                    .set("is_insertable_into", table ? "YES" : "NO").set("is_typed", "NO"));
        }
    }

    private static void infoColumns(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Rel r : s.relations) {
            if (r.relkind() != 'r' && r.relkind() != 'v') {
                continue;
            }
            for (int i = 0; i < r.columns().size(); i++) {
                SchemaModel.Column c = r.columns().get(i);
                PgType t = c.type();
                String dataType = t.isArray() ? "ARRAY" : t.category() == 'E' ? "USER-DEFINED"
                        : Sql.formatType(s.types, t.oid(), -1);
                int mod = c.typeModifier();
                Row row = new Row(def).set("table_catalog", s.database()).set("table_schema", r.ns().name())
                        .set("table_name", r.name()).set("column_name", c.name()).set("ordinal_position", i + 1)
                        .set("column_default", c.identity() != 0 ? null : c.defaultExpression())
                        .set("is_nullable", c.notNull() ? "NO" : "YES").set("data_type", dataType)
                        .set("udt_catalog", s.database()).set("udt_schema", t.oid() < 16384 ? "pg_catalog" : "public")
                        .set("udt_name", t.name()).set("dtd_identifier", String.valueOf(i + 1))
                        .set("is_self_referencing", "NO").set("is_identity", c.identity() != 0 ? "YES" : "NO")
                        .set("is_generated", "NEVER").set("is_updatable", yesNo(r.relkind() == 'r'
                                || autoUpdatable(s, r)));
                if (c.identity() != 0) {
                    row.set("identity_generation", c.identity() == 'a' ? "ALWAYS" : "BY DEFAULT")
                            .set("identity_start", "1").set("identity_increment", "1")
                            .set("identity_maximum", t.oid() == 20 ? "9223372036854775807" : t.oid() == 21
                                    ? "32767" : "2147483647").set("identity_minimum", "1").set("identity_cycle", "NO");
                }
                switch (t.oid()) {
                    case 1043, 1042 -> {
                        if (mod >= 4) {
                            row.set("character_maximum_length", mod - 4).set("character_octet_length", (mod - 4) * 4);
                        } else if (t.oid() == 1043) {
                            row.set("character_octet_length", 1073741824);
                        }
                    }
                    case 25 -> row.set("character_octet_length", 1073741824);
                    case 21 -> row.set("numeric_precision", 16).set("numeric_precision_radix", 2)
                            .set("numeric_scale", 0);
                    case 23 -> row.set("numeric_precision", 32).set("numeric_precision_radix", 2)
                            .set("numeric_scale", 0);
                    case 20 -> row.set("numeric_precision", 64).set("numeric_precision_radix", 2)
                            .set("numeric_scale", 0);
                    case 700 -> row.set("numeric_precision", 24).set("numeric_precision_radix", 2);
                    case 701 -> row.set("numeric_precision", 53).set("numeric_precision_radix", 2);
                    case 1700 -> {
                        row.set("numeric_precision_radix", 10);
                        if (mod >= 4) {
                            row.set("numeric_precision", (mod - 4) >> 16 & 0xffff).set("numeric_scale",
                                    (mod - 4) & 0xffff);
                        }
                    }
                    case 1082 -> row.set("datetime_precision", 0);
                    case 1083, 1114, 1184, 1266, 1186 -> row.set("datetime_precision", mod >= 0 ? mod & 0xffff : 6);
                    default -> {
                    }
                }
                out.add(row);
            }
        }
    }

    private static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }

    /**
     * Whether a view is automatically updatable as PostgreSQL decides it (view_query_is_auto_updatable): a plain
     * SELECT (no WITH, DISTINCT, GROUP BY, HAVING, WINDOW, LIMIT, OFFSET, set operation) from one table. This takes
     * only views whose every output column is a column of that table; PostgreSQL also takes computed columns (not
     * updatable themselves) unless they are aggregates, window functions or set-returning functions.
     */
    private static boolean autoUpdatable(CatalogSnapshot s, Rel view) {
        if (view.relkind() != 'v' || view.model() == null || view.model().viewDefinition() == null) {
            return false;
        }
        io.pgserve.sql.ast.Statement st;
        try {
            st = io.pgserve.sql.SqlParser.parse(view.model().viewDefinition().strip().replaceAll(";$", ""));
        } catch (RuntimeException e) {
            return false;
        }
        if (!(st instanceof io.pgserve.sql.ast.Query q) || q.with() != null || q.limit() != null
                || q.offset() != null || !q.locking().isEmpty()
                || !(q.body() instanceof io.pgserve.sql.ast.Select sel) || sel.distinct()
                || !sel.distinctOn().isEmpty() || !sel.groupBy().isEmpty() || sel.having() != null
                || !sel.windows().isEmpty() || sel.from().size() != 1
                || !(sel.from().get(0) instanceof io.pgserve.sql.ast.TableName t)) {
            return false;
        }
        for (io.pgserve.sql.ast.SelectItem item : sel.targets()) {
            if (!(item.expression() instanceof io.pgserve.sql.ast.ColumnRef)) {
                return false;
            }
        }
        List<io.pgserve.sql.ast.Identifier> name = t.name();
        String table = name.get(name.size() - 1).value();
        String schema = name.size() > 1 ? name.get(name.size() - 2).value() : view.ns().name();
        return s.relations.stream().anyMatch(r -> r.relkind() == 'r' && r.name().equals(table)
                && r.ns().name().equals(schema));
    }

    private static String constraintType(SchemaModel.ConstraintType t) {
        return switch (t) {
            case PRIMARY_KEY -> "PRIMARY KEY";
            case UNIQUE -> "UNIQUE";
            case FOREIGN_KEY -> "FOREIGN KEY";
            case CHECK -> "CHECK";
        };
    }

    private static void tableConstraints(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Con c : s.constraints) {
            out.add(new Row(def).set("constraint_catalog", s.database()).set("constraint_schema", c.rel().ns().name())
                    .set("constraint_name", c.c().name()).set("table_catalog", s.database())
                    .set("table_schema", c.rel().ns().name()).set("table_name", c.rel().name())
                    .set("constraint_type", constraintType(c.c().type())).set("is_deferrable", "NO")
                    .set("initially_deferred", "NO").set("enforced", "YES")
                    .set("nulls_distinct", c.c().type() == SchemaModel.ConstraintType.UNIQUE
                            || c.c().type() == SchemaModel.ConstraintType.PRIMARY_KEY ? "YES" : null));
        }
    }

    private static void keyColumnUsage(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Con c : s.constraints) {
            SchemaModel.Constraint m = c.c();
            if (m.type() == SchemaModel.ConstraintType.CHECK) {
                continue;
            }
            for (int i = 0; i < m.columns().size(); i++) {
                Integer position = null;
                if (m.type() == SchemaModel.ConstraintType.FOREIGN_KEY && c.referenced() != null) {
                    Idx key = s.index(c.indexOid());
                    position = key == null ? i + 1 : key.columns().indexOf(m.referencedColumns().get(i)) + 1;
                }
                out.add(new Row(def).set("constraint_catalog", s.database())
                        .set("constraint_schema", c.rel().ns().name()).set("constraint_name", m.name())
                        .set("table_catalog", s.database()).set("table_schema", c.rel().ns().name())
                        .set("table_name", c.rel().name()).set("column_name", m.columns().get(i))
                        .set("ordinal_position", i + 1).set("position_in_unique_constraint", position));
            }
        }
    }

    private static String rule(char action) {
        return switch (action) {
            case 'r' -> "RESTRICT";
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static void referentialConstraints(SystemRelations.Def def, CatalogSnapshot s, List<Row> out) {
        for (Con c : s.constraints) {
            SchemaModel.Constraint m = c.c();
            if (m.type() != SchemaModel.ConstraintType.FOREIGN_KEY) {
                continue;
            }
            Con unique = null;
            for (Con k : s.constraints) {
                if (k.indexOid() == c.indexOid() && k != c && k.c().type() != SchemaModel.ConstraintType.FOREIGN_KEY) {
                    unique = k;
                }
            }
            out.add(new Row(def).set("constraint_catalog", s.database()).set("constraint_schema", c.rel().ns().name())
                    .set("constraint_name", m.name())
                    .set("unique_constraint_catalog", unique == null ? null : s.database())
                    .set("unique_constraint_schema", unique == null ? null : unique.rel().ns().name())
                    .set("unique_constraint_name", unique == null ? null : unique.c().name())
                    .set("match_option", "NONE").set("update_rule", rule(m.onUpdate()))
                    .set("delete_rule", rule(m.onDelete())));
        }
    }

    /** pg_type's columns that PgType does not carry, for PostgreSQL's built-in types (from pg15-types.txt). */
    static final class TypeInfo {
        private static final Map<Integer, TypeInfo> BUILTIN = load();

        boolean byval;
        String typtype = "b";
        boolean preferred;
        String delim = ",";
        String input;
        String output;
        String receive;
        String send;
        String modin = "-";
        String modout = "-";
        String analyze = "-";
        String align;
        String storage;
        boolean collatable;

        /** The type I/O functions of the built-in, array and enum types, as pg_type names them. */
        private static final java.util.Set<String> IO_FUNCTIONS = ioFunctions();

        /** Whether pg_type names this function (typinput, typreceive...): regproc input accepts its name. */
        static boolean isIoFunction(String name) {
            return IO_FUNCTIONS.contains(name);
        }

        private static java.util.Set<String> ioFunctions() {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (TypeInfo ti : BUILTIN.values()) {
                out.addAll(List.of(ti.input, ti.output, ti.receive, ti.send, ti.modin, ti.modout, ti.analyze));
            }
            for (String prefix : List.of("array_", "enum_")) {
                for (String f : List.of("in", "out", "recv", "send")) {
                    out.add(prefix + f);
                }
            }
            out.add("array_typanalyze");
            out.remove("-");
            return java.util.Set.copyOf(out);
        }

        static TypeInfo of(PgType t) {
            TypeInfo ti = BUILTIN.get(t.oid());
            if (ti != null) {
                return ti;
            }
            ti = new TypeInfo();
            int len = t.length();
            ti.byval = len == 1 || len == 2 || len == 4 || len == 8;
            ti.align = len == 1 ? "c" : len == 2 ? "s" : len == 8 ? "d" : "i";
            ti.storage = len < 0 ? "x" : "p";
            ti.input = t.name() + "_in";
            ti.output = t.name() + "_out";
            ti.receive = t.name() + "_recv";
            ti.send = t.name() + "_send";
            if (t.isArray()) {
                ti.byval = false;
                ti.storage = "x";
            }
            return ti;
        }

        private static Map<Integer, TypeInfo> load() {
            Map<Integer, TypeInfo> out = new HashMap<>();
            try (InputStream in = SystemTables.class.getResourceAsStream("pg15-types.txt");
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\\|", -1);
                    TypeInfo ti = new TypeInfo();
                    ti.byval = f[2].equals("t");
                    ti.typtype = f[3];
                    ti.preferred = f[4].equals("t");
                    ti.delim = f[5];
                    ti.input = f[7];
                    ti.output = f[8];
                    ti.receive = f[9];
                    ti.send = f[10];
                    ti.modin = f[11];
                    ti.modout = f[12];
                    ti.analyze = f[13];
                    ti.align = f[14];
                    ti.storage = f[15];
                    ti.collatable = !f[16].equals("0");
                    out.put(Integer.parseInt(f[0]), ti);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
