package io.pgserve.engine.memdb;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.Transaction;
import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.engine.internal.catalog.DefaultText;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transactional in-memory database: schemas of tables made of MVCC row versions, READ COMMITTED transactions with
 * row locks (a second updater of a row waits for the first), unique constraints, sequences.
 *
 * <pre>{@code
 * PgServer.builder().handler(new SqlEngine(new MemDb())).build().start();
 * }</pre>
 *
 * DDL is not transactional yet: CREATE and DROP take effect at once and survive a rollback.
 */
public final class MemDb implements Catalog, SchemaEditor {
    private final Map<String, Map<String, MemTable>> schemas = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicInteger nextOid = new AtomicInteger(16384);
    private final Object commitLock = new Object();
    private volatile long lastCommitted;

    public MemDb() {
        schemas.put("public", new ConcurrentHashMap<>());
    }

    @Override
    public Table table(String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        return s == null ? null : s.get(name);
    }

    @Override
    public boolean schemaExists(String schema) {
        return schemas.containsKey(schema);
    }

    @Override
    public SchemaModel schemaModel() {
        List<SchemaModel.Schema> schemaList = new ArrayList<>();
        List<SchemaModel.Relation> relations = new ArrayList<>();
        List<String> names = new ArrayList<>(schemas.keySet());
        names.sort(null);
        for (String s : names) {
            schemaList.add(s.equals("public") ? SchemaModel.Schema.PUBLIC : new SchemaModel.Schema(s, 0, null, null));
            List<MemTable> tables = new ArrayList<>(schemas.get(s).values());
            tables.sort(Comparator.comparingInt(MemTable::oid));
            for (MemTable t : tables) {
                SchemaModel.Builder b = SchemaModel.Relation.table(s, t.name()).oid(t.oid());
                for (TableColumn c : t.columns()) {
                    b.column(SchemaModel.Column.of(c).withDefault(c.defaultValue() == null ? null
                            : DefaultText.of(c.defaultValue(), s, c.type(), c.typeModifier())));
                }
                t.constraints().forEach(b::constraint);
                relations.add(b.build());
            }
        }
        for (String seq : sequences.keySet()) {
            int dot = seq.indexOf('.');
            relations.add(SchemaModel.Relation.sequence(seq.substring(0, dot), seq.substring(dot + 1)).build());
        }
        return SchemaModel.of(schemaList, relations);
    }

    @Override
    public Transaction begin() {
        return new MemTransaction(this);
    }

    @Override
    public SchemaEditor schemaEditor() {
        return this;
    }

    long lastCommitted() {
        return lastCommitted;
    }

    /** Commits a transaction's states atomically: a snapshot sees all of them or none. */
    void commit(List<TxState> states) {
        synchronized (commitLock) {
            long csn = lastCommitted + 1;
            for (TxState s : states) {
                if (s.status == TxState.IN_PROGRESS) {
                    s.csn = csn;
                    s.status = TxState.COMMITTED;
                }
            }
            lastCommitted = csn;
        }
        for (TxState s : states) {
            s.finish(s.status);
        }
    }

    /** Creates a schema (for embedding; CREATE SCHEMA comes later). */
    public void createSchema(String name) {
        schemas.putIfAbsent(name, new ConcurrentHashMap<>());
    }

    @Override
    public void createTable(Transaction transaction, TableDefinition d) {
        Map<String, MemTable> s = schemas.get(d.schema());
        if (s == null) {
            throw new PgException("3F000", "schema \"" + d.schema() + "\" does not exist");
        }
        MemTable t = new MemTable(d.schema(), d.name(), nextOid.getAndIncrement(), d.columns(), d.primaryKey(),
                d.primaryKeyName(), d.uniqueConstraints(), d.uniqueConstraintNames());
        if (s.putIfAbsent(d.name(), t) != null) {
            throw new PgException("42P07", "relation \"" + d.name() + "\" already exists");
        }
    }

    @Override
    public void dropTable(Transaction transaction, String schema, String name) {
        Map<String, MemTable> s = schemas.get(schema);
        if (s == null || s.remove(name) == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
        }
        String prefix = schema + "." + name + "_";
        sequences.keySet().removeIf(k -> k.startsWith(prefix) && k.endsWith("_seq"));
    }

    @Override
    public void createSequence(Transaction transaction, String schema, String name) {
        sequences.putIfAbsent(schema + "." + name, new AtomicLong());
    }

    @Override
    public long nextval(String schema, String name) {
        AtomicLong seq = sequences.get(schema + "." + name);
        if (seq == null) {
            throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return seq.incrementAndGet();
    }
}
