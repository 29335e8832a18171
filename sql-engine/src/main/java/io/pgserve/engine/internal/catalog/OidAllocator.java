package io.pgserve.engine.internal.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * OIDs for the objects of a {@link io.pgserve.engine.catalog.SchemaModel} that come without one (schemas, indexes,
 * constraints, defaults, roles...): the same key always gets the same OID for the life of the allocator (one per
 * engine), so pg_class and RowDescription agree across statements and sessions. They start at 1,000,000, above
 * memdb's table OIDs (16384 up) and PostgreSQL's own.
 */
public final class OidAllocator {
    private static final int FIRST = 1_000_000;

    private final Map<String, Integer> oids = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(FIRST);

    /** The OID of the object {@code key} (e.g. {@code "index:public.t.t_pkey"}), allocated on first use. */
    public int oid(String key) {
        return oids.computeIfAbsent(key, k -> next.getAndIncrement());
    }
}
