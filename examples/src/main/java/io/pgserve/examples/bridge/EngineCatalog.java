package io.pgserve.examples.bridge;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.types.PgType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's schema as PostgreSQL's catalog shows it, read from its JDBC {@link DatabaseMetaData}: schemas, tables
 * and views, columns (type, nullability, default), primary keys, foreign keys and indexes. The engine's default
 * schema is {@code public}; its system schemas are left out.
 */
final class EngineCatalog {
    private static final Logger log = LoggerFactory.getLogger(EngineCatalog.class);
    private static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "pg_catalog");

    private final EngineDialect dialect;

    EngineCatalog(EngineDialect dialect) {
        this.dialect = dialect;
    }

    /** The PostgreSQL name of an engine schema. */
    String pgSchema(String engineSchema) {
        return engineSchema == null || engineSchema.equals(dialect.defaultSchema()) ? "public" : engineSchema;
    }

    /** Reads the whole schema through {@code c}. */
    SchemaModel read(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        List<SchemaModel.Schema> schemas = new ArrayList<>();
        schemas.add(SchemaModel.Schema.PUBLIC);
        List<SchemaModel.Relation> relations = new ArrayList<>();
        Map<String, String> tables = new LinkedHashMap<>(); // "schema\0name" -> TABLE or VIEW
        try (ResultSet rs = md.getTables(catalog, null, "%", null)) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String name = rs.getString("TABLE_NAME");
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (schema != null && SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))
                        || name.startsWith("sqlite_") || type.contains("SYSTEM") || type.contains("TEMP")) {
                    continue;
                }
                if (type.contains("TABLE") || type.equals("VIEW")) {
                    tables.put(schema + "\0" + name, type.equals("VIEW") ? "VIEW" : "TABLE");
                }
            }
        }
        for (Map.Entry<String, String> t : tables.entrySet()) {
            String engineSchema = t.getKey().substring(0, t.getKey().indexOf('\0'));
            engineSchema = engineSchema.equals("null") ? null : engineSchema;
            String name = t.getKey().substring(t.getKey().indexOf('\0') + 1);
            String schema = pgSchema(engineSchema);
            if (schemas.stream().noneMatch(s -> s.name().equals(schema))) {
                schemas.add(new SchemaModel.Schema(schema, 0, null, null));
            }
            SchemaModel.Builder b = t.getValue().equals("VIEW") ? SchemaModel.Relation.view(schema, name, null)
                    : SchemaModel.Relation.table(schema, name);
            try {
                describe(c, md, catalog, engineSchema, name, b, t.getValue().equals("TABLE"));
            } catch (SQLException e) {
                log.warn("could not read the columns of {}.{}: {}", schema, name, e.getMessage());
            }
            relations.add(b.build());
        }
        return SchemaModel.of(schemas, relations);
    }

    private void describe(Connection c, DatabaseMetaData md, String catalog, String schema, String name, SchemaModel.Builder b,
                          boolean table) throws SQLException {
        List<String> columns = new ArrayList<>();
        Map<String, String> declared = dialect.declaredTypes(c, schema, name);
        try (ResultSet rs = md.getColumns(catalog, schema, name, "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                columns.add(column);
                String typeName = declared.getOrDefault(column, rs.getString("TYPE_NAME"));
                EngineDialect.PgColumnType type = dialect.columnType(typeName, rs.getInt("DATA_TYPE"));
                if (type == null) {
                    type = EngineDialect.PgColumnType.of(PgType.TEXT);
                }
                SchemaModel.Column col = SchemaModel.Column.of(column, type.type()).withTypeModifier(type.typeModifier());
                if (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls) {
                    col = col.withNotNull();
                }
                String def = rs.getString("COLUMN_DEF");
                if (def != null && !def.isBlank() && !def.equalsIgnoreCase("NULL")) {
                    col = col.withDefault(def);
                }
                b.column(col);
            }
        }
        if (!table || dialect.keys(c, schema, name, pgSchema(schema), b)) {
            return;
        }
        List<String> keyColumns = new ArrayList<>();
        Map<Integer, String> pk = new TreeMap<>();
        String pkName = null;
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, name)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                pkName = rs.getString("PK_NAME");
            }
        } catch (SQLException e) {
            log.debug("no primary keys from {}: {}", dialect.name(), e.getMessage());
        }
        if (!pk.isEmpty()) {
            keyColumns.addAll(pk.values());
            b.primaryKey(pkName == null || pkName.isBlank() ? name + "_pkey" : pkName, pk.values().toArray(String[]::new));
        }
        foreignKeys(md, catalog, schema, name, b);
        indexes(md, catalog, schema, name, b, keyColumns, columns);
    }

    private void foreignKeys(DatabaseMetaData md, String catalog, String schema, String name, SchemaModel.Builder b) {
        // one foreign key per FK_NAME (or per run of KEY_SEQ starting at 1 when the engine names none)
        Map<String, List<String[]>> keys = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(catalog, schema, name)) {
            int n = 0;
            String current = null;
            while (rs.next()) {
                String fkName = rs.getString("FK_NAME");
                if (rs.getInt("KEY_SEQ") == 1 || current == null) {
                    n++;
                    current = fkName == null || fkName.isBlank() ? "\0" + n : fkName; // named below
                }
                keys.computeIfAbsent(current, k -> new ArrayList<>()).add(new String[] {
                        rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_SCHEM"), rs.getString("PKTABLE_NAME"),
                        rs.getString("PKCOLUMN_NAME"), rule(rs.getShort("UPDATE_RULE")), rule(rs.getShort("DELETE_RULE"))});
            }
        } catch (SQLException e) {
            log.debug("no foreign keys from {}: {}", dialect.name(), e.getMessage());
            return;
        }
        for (Map.Entry<String, List<String[]>> k : keys.entrySet()) {
            List<String[]> parts = k.getValue();
            String[] first = parts.get(0);
            String fkName = !k.getKey().startsWith("\0") ? k.getKey()  // PostgreSQL's name for an unnamed key:
                    : name + "_" + String.join("_", parts.stream().map(p -> p[0]).toList()) + "_fkey";
            b.constraint(SchemaModel.Constraint.foreignKey(fkName, parts.stream().map(p -> p[0]).toList(),
                    pgSchema(first[1]), first[2], parts.stream().map(p -> p[3]).toList(), first[4].charAt(0),
                    first[5].charAt(0)));
        }
    }

    private static String rule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "c";
            case DatabaseMetaData.importedKeySetNull -> "n";
            case DatabaseMetaData.importedKeySetDefault -> "d";
            case DatabaseMetaData.importedKeyRestrict -> "r";
            default -> "a";
        };
    }

    private void indexes(DatabaseMetaData md, String catalog, String schema, String name, SchemaModel.Builder b,
                         List<String> keyColumns, List<String> columns) {
        Map<String, List<String>> cols = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, name, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null) {
                    continue;
                }
                cols.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        } catch (SQLException e) {
            log.debug("no indexes from {}: {}", dialect.name(), e.getMessage());
            return;
        }
        for (Map.Entry<String, List<String>> x : cols.entrySet()) {
            List<String> on = x.getValue();
            if (!columns.containsAll(on) || on.equals(keyColumns) && unique.get(x.getKey())) {
                continue; // the primary key's own index, or an expression index
            }
            if (x.getKey().startsWith("sqlite_autoindex_")) { // SQLite's index of a UNIQUE constraint
                b.unique(name + "_" + String.join("_", on) + "_key", on.toArray(String[]::new));
            } else {
                b.index(new SchemaModel.Index(x.getKey(), on, unique.get(x.getKey())));
            }
        }
    }
}
