package io.pgserve.engine;

import java.util.List;

/** The DDL a {@link Catalog} supports. Names are as PostgreSQL stores them (lower case unless quoted). */
public interface SchemaEditor {
    /** A table to create: columns, primary key and unique constraints (lists of column indexes). */
    record TableDefinition(String schema, String name, List<TableColumn> columns, List<Integer> primaryKey,
                           List<List<Integer>> uniqueConstraints, List<String> uniqueConstraintNames,
                           String primaryKeyName) {
        public TableDefinition {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            uniqueConstraints = List.copyOf(uniqueConstraints);
            uniqueConstraintNames = List.copyOf(uniqueConstraintNames);
        }
    }

    void createTable(Transaction transaction, TableDefinition definition);

    void dropTable(Transaction transaction, String schema, String name);

    /** Creates a sequence (for serial columns); returns nothing, {@code nextval(name)} then works. */
    void createSequence(Transaction transaction, String schema, String name);

    /** The next value of a sequence; 42P01 when it does not exist. */
    long nextval(String schema, String name);
}
