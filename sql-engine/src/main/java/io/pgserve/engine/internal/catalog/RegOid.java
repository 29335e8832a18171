package io.pgserve.engine.internal.catalog;

/**
 * A value of an OID alias type (regclass, regtype, regproc, regprocedure, regnamespace, regrole): the object's OID
 * and the text PostgreSQL's output function prints for it (the name, qualified when not visible; the number when
 * there is no such object; "-" for 0). Compares and hashes by OID, as PostgreSQL does.
 */
public record RegOid(long oid, String text) implements Comparable<RegOid> {
    @Override
    public int compareTo(RegOid o) {
        return Long.compare(oid, o.oid);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegOid r && r.oid == oid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(oid);
    }

    @Override
    public String toString() {
        return text;
    }
}
