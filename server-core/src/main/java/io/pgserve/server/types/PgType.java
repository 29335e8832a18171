package io.pgserve.server.types;

import java.util.Objects;

/**
 * A PostgreSQL data type as the protocol sees it: its OID, name and storage length (pg_type.typlen, -1 for
 * variable width), with the OID of its array type.
 *
 * <pre>{@code
 * Column id = Column.of("id", PgType.INT4);
 * }</pre>
 */
public final class PgType {
    public static final PgType BOOL = new PgType(16, "bool", 1, 1000);
    public static final PgType BYTEA = new PgType(17, "bytea", -1, 1001);
    public static final PgType CHAR = new PgType(18, "char", 1, 1002);
    public static final PgType NAME = new PgType(19, "name", 64, 1003);
    public static final PgType INT8 = new PgType(20, "int8", 8, 1016);
    public static final PgType INT2 = new PgType(21, "int2", 2, 1005);
    public static final PgType INT4 = new PgType(23, "int4", 4, 1007);
    public static final PgType TEXT = new PgType(25, "text", -1, 1009);
    public static final PgType OID = new PgType(26, "oid", 4, 1028);
    public static final PgType JSON = new PgType(114, "json", -1, 199);
    public static final PgType FLOAT4 = new PgType(700, "float4", 4, 1021);
    public static final PgType FLOAT8 = new PgType(701, "float8", 8, 1022);
    public static final PgType UNKNOWN = new PgType(705, "unknown", -2, 0);
    public static final PgType BPCHAR = new PgType(1042, "bpchar", -1, 1014);
    public static final PgType VARCHAR = new PgType(1043, "varchar", -1, 1015);
    public static final PgType DATE = new PgType(1082, "date", 4, 1182);
    public static final PgType TIME = new PgType(1083, "time", 8, 1183);
    public static final PgType TIMESTAMP = new PgType(1114, "timestamp", 8, 1115);
    public static final PgType TIMESTAMPTZ = new PgType(1184, "timestamptz", 8, 1185);
    public static final PgType INTERVAL = new PgType(1186, "interval", 16, 1187);
    public static final PgType TIMETZ = new PgType(1266, "timetz", 12, 1270);
    public static final PgType NUMERIC = new PgType(1700, "numeric", -1, 1231);
    public static final PgType UUID = new PgType(2950, "uuid", 16, 2951);
    public static final PgType JSONB = new PgType(3802, "jsonb", -1, 3807);

    private final int oid;
    private final String name;
    private final short length;
    private final int arrayOid;

    public PgType(int oid, String name, int length, int arrayOid) {
        this.oid = oid;
        this.name = Objects.requireNonNull(name, "name");
        this.length = (short) length;
        this.arrayOid = arrayOid;
    }

    public int oid() {
        return oid;
    }

    public String name() {
        return name;
    }

    /** pg_type.typlen: the fixed size in bytes, or -1 (varlena) / -2 (C string) for variable width. */
    public short length() {
        return length;
    }

    /** The OID of the array type whose elements are this type, or 0. */
    public int arrayOid() {
        return arrayOid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgType t && t.oid == oid;
    }

    @Override
    public int hashCode() {
        return oid;
    }

    @Override
    public String toString() {
        return name;
    }
}
