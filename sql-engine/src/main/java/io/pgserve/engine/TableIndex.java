package io.pgserve.engine;

import java.util.List;
import java.util.Objects;

/**
 * An index of a {@link Table}, as the catalog shows it (pg_index): a table that has one answers equality and range
 * filters on its leading columns without a full scan. Primary keys and unique constraints have one of the same
 * name.
 *
 * @param name    the index's name (PostgreSQL's defaults: t_pkey, t_x_key, t_x_idx)
 * @param columns the indexed columns, in key order
 * @param unique  whether the index is UNIQUE
 * @param primary whether it is the primary key's index
 */
public record TableIndex(String name, List<String> columns, boolean unique, boolean primary) {
    public TableIndex {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
