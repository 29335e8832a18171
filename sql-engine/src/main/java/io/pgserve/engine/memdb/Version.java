package io.pgserve.engine.memdb;

/**
 * One version of a row: created by {@code xmin} (in its command {@code cid}), deleted or locked by {@code xmax},
 * replaced by {@code next} when updated. Versions are never changed but for xmax and next, under the version's
 * monitor.
 */
final class Version {
    final Object[] values;
    final TxState xmin;
    final int cid;
    volatile TxState xmax;
    volatile Version next;

    Version(Object[] values, TxState xmin, int cid) {
        this.values = values;
        this.xmin = xmin;
        this.cid = cid;
    }
}
