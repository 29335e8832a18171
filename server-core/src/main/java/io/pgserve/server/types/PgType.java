package io.pgserve.server.types;

import java.util.Objects;

/**
 * A PostgreSQL data type as the protocol and pg_catalog see it: OID, name, storage length (pg_type.typlen), type
 * category (pg_type.typcategory), the OID of its array type, and for an array type the OID of its element type.
 * Built-in types are constants here; {@link TypeRegistry} holds them with their codecs, and user types.
 *
 * <pre>{@code
 * Column id = Column.of("id", PgType.INT4);
 * PgType ints = TypeRegistry.builtin().arrayOf(PgType.INT4);   // int4[], OID 1007
 * }</pre>
 */
public final class PgType {
    public static final PgType BOOL = base(16, "bool", 1, 'B', 1000);
    public static final PgType BYTEA = base(17, "bytea", -1, 'U', 1001);
    public static final PgType CHAR = base(18, "char", 1, 'Z', 1002);
    public static final PgType NAME = base(19, "name", 64, 'S', 1003);
    public static final PgType INT8 = base(20, "int8", 8, 'N', 1016);
    public static final PgType INT2 = base(21, "int2", 2, 'N', 1005);
    public static final PgType INT4 = base(23, "int4", 4, 'N', 1007);
    public static final PgType TEXT = base(25, "text", -1, 'S', 1009);
    public static final PgType OID = base(26, "oid", 4, 'N', 1028);
    public static final PgType JSON = base(114, "json", -1, 'U', 199);
    public static final PgType CIDR = base(650, "cidr", -1, 'I', 651);
    public static final PgType FLOAT4 = base(700, "float4", 4, 'N', 1021);
    public static final PgType FLOAT8 = base(701, "float8", 8, 'N', 1022);
    public static final PgType UNKNOWN = base(705, "unknown", -2, 'X', 0);
    public static final PgType INET = base(869, "inet", -1, 'I', 1041);
    public static final PgType BPCHAR = base(1042, "bpchar", -1, 'S', 1014);
    public static final PgType VARCHAR = base(1043, "varchar", -1, 'S', 1015);
    public static final PgType DATE = base(1082, "date", 4, 'D', 1182);
    public static final PgType TIME = base(1083, "time", 8, 'D', 1183);
    public static final PgType TIMESTAMP = base(1114, "timestamp", 8, 'D', 1115);
    public static final PgType TIMESTAMPTZ = base(1184, "timestamptz", 8, 'D', 1185);
    public static final PgType INTERVAL = base(1186, "interval", 16, 'T', 1187);
    public static final PgType TIMETZ = base(1266, "timetz", 12, 'D', 1270);
    public static final PgType NUMERIC = base(1700, "numeric", -1, 'N', 1231);
    public static final PgType UUID = base(2950, "uuid", 16, 'U', 2951);
    public static final PgType JSONB = base(3802, "jsonb", -1, 'U', 3807);
    /** The result type of functions that return nothing, such as pg_notify(); its value prints as "". */
    public static final PgType VOID = base(2278, "void", 4, 'P', 0);

    private final int oid;
    private final String name;
    private final short length;
    private final char category;
    private final int arrayOid;
    private final int elementOid;

    /**
     * @param length     pg_type.typlen: bytes, or -1 for variable length (varlena), -2 for C strings
     * @param category   pg_type.typcategory: 'A' array, 'B' boolean, 'D' date/time, 'E' enum, 'I' network,
     *                   'N' numeric, 'S' string, 'T' timespan, 'U' user-defined, 'X' unknown, 'Z' internal
     * @param arrayOid   the OID of the array type of this type, or 0
     * @param elementOid for an array type, its element type's OID; else 0
     */
    public PgType(int oid, String name, int length, char category, int arrayOid, int elementOid) {
        this.oid = oid;
        this.name = Objects.requireNonNull(name, "name");
        this.length = (short) length;
        this.category = category;
        this.arrayOid = arrayOid;
        this.elementOid = elementOid;
    }

    private static PgType base(int oid, String name, int length, char category, int arrayOid) {
        return new PgType(oid, name, length, category, arrayOid, 0);
    }

    /** The array type whose elements are {@code element}, named {@code _name} as in pg_type. */
    public static PgType arrayOf(PgType element) {
        if (element.arrayOid == 0) {
            throw new IllegalArgumentException(element + " has no array type");
        }
        return new PgType(element.arrayOid, "_" + element.name, -1, 'A', 0, element.oid);
    }

    public int oid() {
        return oid;
    }

    /** The name in pg_type (typname): {@code int4}, {@code _int4} for int4[]. */
    public String name() {
        return name;
    }

    /** pg_type.typlen: the fixed size in bytes, or -1 (varlena) / -2 (C string) for variable width. */
    public short length() {
        return length;
    }

    /** pg_type.typcategory. */
    public char category() {
        return category;
    }

    /** The OID of the array type whose elements are this type, or 0. */
    public int arrayOid() {
        return arrayOid;
    }

    /** For an array type, the OID of the element type; 0 otherwise. */
    public int elementOid() {
        return elementOid;
    }

    public boolean isArray() {
        return elementOid != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgType t && t.oid == oid;
    }

    @Override
    public int hashCode() {
        return oid;
    }

    /** The name as format_type prints it for the common types ({@code integer[]} is left to the catalog). */
    @Override
    public String toString() {
        return name;
    }
}
