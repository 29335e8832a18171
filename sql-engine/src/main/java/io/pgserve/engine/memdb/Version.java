package io.pgserve.engine.memdb;

/**
 * One version of a row: created by {@code xmin} (in its command {@code cid}), deleted or locked by {@code xmax},
 * replaced by {@code next} when updated. Versions are never changed but for xmax and next (under the version's
 * monitor), xmin (frozen to {@link TxState#FROZEN} once every snapshot sees it) and values (rewritten by ALTER
 * TABLE ADD/DROP COLUMN).
 */
final class Version {
    volatile Object[] values;
    volatile TxState xmin;
    final int cid;
    volatile TxState xmax;
    volatile Version next;

    Version(Object[] values, TxState xmin, int cid) {
        this.values = values;
        this.xmin = xmin;
        this.cid = cid;
    }
}
