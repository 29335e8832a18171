package io.pgserve.engine;

import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.types.PgType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A user-defined enum type ({@code CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')}) of a {@link Catalog}: its name,
 * OIDs and values. The engine resolves type names against {@link Catalog#enumType}, stores {@link Value}s in
 * columns of the type (and of its array type, {@code mood[]}), compares them by sort order and sends each as its
 * label.
 *
 * <pre>{@code
 * EnumType mood = new EnumType("public", "mood", 16390, 16389);
 * mood.add("sad", 16391, null, false);
 * mood.add("happy", 16392, null, false);
 * mood.add("ok", 16393, "happy", false);          // ADD VALUE 'ok' BEFORE 'happy': sort order 1.5
 * mood.value("ok").compareTo(mood.value("happy")) // < 0
 * }</pre>
 *
 * A catalog changes its types under DDL ({@link #add}, {@link #rename}, {@link #remove}); values already stored keep
 * their identity, so a renamed value shows its new label everywhere. Thread-safe.
 */
public final class EnumType {
    /** PostgreSQL's NAMEDATALEN - 1: the longest label in bytes. */
    private static final int MAX_LABEL_BYTES = 63;

    private final String schema;
    private final String name;
    private final PgType type;
    private final PgType arrayType;
    private volatile List<Value> values = List.of();

    /**
     * @param oid      pg_type.oid of the type
     * @param arrayOid pg_type.oid of its array type ({@code _name})
     */
    public EnumType(String schema, String name, int oid, int arrayOid) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.name = Objects.requireNonNull(name, "name");
        this.type = new PgType(oid, name, 4, 'E', arrayOid, 0);
        this.arrayType = PgType.arrayOf(type);
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    /** The type (typcategory 'E', 4 bytes as in pg_type). */
    public PgType type() {
        return type;
    }

    /** Its array type, {@code _name}. */
    public PgType arrayType() {
        return arrayType;
    }

    /** The values in sort order. */
    public List<Value> values() {
        return values;
    }

    /** The value with this label, or null. */
    public Value value(String label) {
        for (Value v : values) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The value of an input label, as enum_in reads it: 22P02 {@code invalid input value for enum mood: "x"}.
     */
    public Value parse(String label) {
        Value v = value(label);
        if (v == null) {
            throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input value for enum " + name
                    + ": \"" + label + "\"");
        }
        return v;
    }

    /**
     * Adds a value (CREATE TYPE's labels, ALTER TYPE ... ADD VALUE), last or next to {@code neighbor}, with the sort
     * order PostgreSQL gives it (one more than the last; between two neighbors, their mean). Errors as
     * PostgreSQL's: 42710 when the label exists, 22023 when the neighbor does not, 42602 for an over-long label.
     *
     * @param neighbor the label to add it BEFORE or AFTER, or null to add it last
     */
    public synchronized Value add(String label, int oid, String neighbor, boolean after) {
        checkLabel(label);
        if (value(label) != null) {
            throw new PgException("42710", "enum label \"" + label + "\" already exists");
        }
        List<Value> list = new ArrayList<>(values);
        float order;
        if (neighbor == null) {
            order = list.isEmpty() ? 1 : list.get(list.size() - 1).sortOrder + 1;
        } else {
            Value n = value(neighbor);
            if (n == null) {
                throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "\"" + neighbor
                        + "\" is not an existing enum label");
            }
            int i = list.indexOf(n);
            int other = after ? i + 1 : i - 1;
            order = other < 0 || other >= list.size() ? n.sortOrder + (after ? 1 : -1)
                    : (n.sortOrder + list.get(other).sortOrder) / 2;
        }
        Value v = new Value(this, oid, order, label);
        list.add(v);
        list.sort(Comparator.comparingDouble(x -> x.sortOrder));
        values = List.copyOf(list);
        return v;
    }

    /** Removes a value (to undo {@link #add}). */
    public synchronized void remove(Value value) {
        List<Value> list = new ArrayList<>(values);
        list.remove(value);
        values = List.copyOf(list);
    }

    /**
     * ALTER TYPE ... RENAME VALUE: the value keeps its identity and sort order, so stored values show the new
     * label. 22023 when {@code from} is no label, 42710 when {@code to} is one already.
     */
    public synchronized void rename(String from, String to) {
        Value v = value(from);
        checkLabel(to);
        if (v == null) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "\"" + from + "\" is not an existing enum label");
        }
        if (!from.equals(to) && value(to) != null) {
            throw new PgException("42710", "enum label \"" + to + "\" already exists");
        }
        v.label = to;
    }

    private static void checkLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
            throw PgException.builder("42602", "invalid enum label \"" + label + "\"")
                    .detail("Labels must be " + MAX_LABEL_BYTES + " bytes or less.").build();
        }
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }

    /**
     * One value of an enum type, as columns store it: compared by sort order (not by label), printed as its label.
     * Values are unique per type and label, so equality is identity.
     */
    public static final class Value implements Comparable<Value> {
        private final EnumType type;
        private final int oid;
        private final float sortOrder;
        private volatile String label;

        private Value(EnumType type, int oid, float sortOrder, String label) {
            this.type = type;
            this.oid = oid;
            this.sortOrder = sortOrder;
            this.label = label;
        }

        /** The enum type this value belongs to. */
        public EnumType type() {
            return type;
        }

        /** pg_enum.oid. */
        public int oid() {
            return oid;
        }

        /** pg_enum.enumsortorder. */
        public float sortOrder() {
            return sortOrder;
        }

        /** pg_enum.enumlabel. */
        public String label() {
            return label;
        }

        @Override
        public int compareTo(Value o) {
            return Float.compare(sortOrder, o.sortOrder);
        }

        /** The label (its text and binary wire form). */
        @Override
        public String toString() {
            return label;
        }
    }
}
