package io.pgserve.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the engine asks of a {@link Table#scan}: the columns it needs ({@code projection}: indexes into
 * {@link Table#columns()}, in the order the scan's rows must have them), the filters the table accepted through
 * {@link Table#supportsFilter} (all of them must hold for every row returned; the engine does not re-check them), a
 * limit ({@code -1} for none; only pushed when every filter of the query was pushed), the transaction it runs in,
 * and whether rows are read for UPDATE/DELETE (then {@link TableScan#rowId()} must identify each row).
 */
public record ScanRequest(int[] projection, List<ColumnFilter> filters, long limit, Transaction transaction,
                          boolean forUpdate) {
    public ScanRequest {
        Objects.requireNonNull(projection, "projection");
        filters = List.copyOf(filters);
        Objects.requireNonNull(transaction, "transaction");
    }
}
