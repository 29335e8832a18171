package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.TableColumn;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names, OIDs and columns of PostgreSQL 15's system relations that pgserve emulates, read from
 * {@code pg15-relations.txt} (recorded from PostgreSQL 15). Column types the type registry lacks are shown as the
 * nearest type it has: see {@link #STAND_INS}.
 */
final class SystemRelations {
    /** A system relation: {@code relkind} 'r' for a catalog table, 'v' for a view. */
    record Def(String schema, String name, int oid, char relkind, List<TableColumn> columns, List<String> pgTypes) {
        int column(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(schema + "." + name + " has no column " + column);
        }
    }

    /**
     * PostgreSQL types of system columns that the type registry does not have yet, and the type that stands in for
     * each (same values, other type OID in RowDescription): the OID alias types are shown as their OID or name,
     * vectors as arrays, node trees (adbin, conbin...) as the SQL text pg_get_expr would print, information_schema's
     * domains as their base types.
     */
    static final Map<String, String> STAND_INS = Map.ofEntries(
            Map.entry("regtype", "text"),
            Map.entry("pg_node_tree", "text"), Map.entry("aclitem[]", "text[]"), Map.entry("xid", "bigint"),
            Map.entry("pg_lsn", "text"), Map.entry("anyarray", "text"), Map.entry("pg_dependencies", "text"),
            Map.entry("pg_ndistinct", "text"), Map.entry("pg_mcv_list", "text"), Map.entry("pg_statistic[]", "text"),
            Map.entry("information_schema.sql_identifier", "name"),
            Map.entry("information_schema.cardinal_number", "integer"),
            Map.entry("information_schema.character_data", "character varying"),
            Map.entry("information_schema.yes_or_no", "character varying"),
            Map.entry("information_schema.time_stamp", "timestamp with time zone"));

    private static final Map<String, Def> ALL = load();

    private SystemRelations() {
    }

    /** The relation {@code schema.name}, or null. */
    static Def get(String schema, String name) {
        return ALL.get(schema + "." + name);
    }

    static List<Def> all() {
        return List.copyOf(ALL.values());
    }

    private static Map<String, Def> load() {
        TypeRegistry types = TypeRegistry.builtin();
        RegTypes.registerIn(types); // regproc, int2vector, oidvector
        Map<String, Def> out = new LinkedHashMap<>();
        try (InputStream in = SystemRelations.class.getResourceAsStream("pg15-relations.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", 4);
                String[] qn = f[0].split("\\.", 2);
                List<TableColumn> cols = new ArrayList<>();
                List<String> pgTypes = new ArrayList<>();
                for (String c : f[3].split(",")) {
                    int colon = c.indexOf(':');
                    String type = c.substring(colon + 1);
                    PgType t = types.byName(STAND_INS.getOrDefault(type, type)).orElseThrow(
                            () -> new IllegalStateException("no type " + type + " for " + f[0]));
                    cols.add(TableColumn.of(c.substring(0, colon), t));
                    pgTypes.add(type);
                }
                out.put(f[0], new Def(qn[0], qn[1], Integer.parseInt(f[1]), f[2].charAt(0), cols,
                        Collections.unmodifiableList(pgTypes)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
