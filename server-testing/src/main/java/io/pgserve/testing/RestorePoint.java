package io.pgserve.testing;

import io.pgserve.engine.memdb.MemDb;

import java.util.Objects;

/**
 * The committed state of a {@link PgTestServer}'s in-memory database at one moment (tables, rows, sequences,
 * views), to go back to as often as needed: each test starts from a known data set without re-running migrations.
 * Cheap: rows are shared, not copied.
 *
 * <pre>{@code
 * RestorePoint seeded = pg.restorePoint();   // after the schema and fixtures are loaded
 * ...                                        // a test changes data
 * seeded.restore();                          // back to the state above
 * }</pre>
 */
public final class RestorePoint {
    private final PgTestServer server;
    private final MemDb.Snapshot snapshot;

    RestorePoint(PgTestServer server, MemDb.Snapshot snapshot) {
        this.server = server;
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Puts the database back to this point. Transactions open at that time lose their later writes. */
    public void restore() {
        server.restore(this);
    }

    PgTestServer server() {
        return server;
    }

    MemDb.Snapshot snapshot() {
        return snapshot;
    }
}
