package io.pgserve.engine.internal.catalog;

import io.pgserve.engine.catalog.SchemaModel;
import io.pgserve.server.SessionContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SchemaModel} with an OID for every object, plus the built-in namespaces, system relations, roles and
 * databases: what one statement's pg_catalog scans read. Built once per statement.
 */
final class CatalogSnapshot {
    static final int PG_CATALOG = 11;
    static final int PG_TOAST = 99;
    static final int INFORMATION_SCHEMA = 13207;
    static final int BOOTSTRAP_ROLE = 10;
    /** The built-in role that owns schema public. */
    static final int PG_DATABASE_OWNER = 6171;
    static final int HEAP_AM = 2;
    static final int BTREE_AM = 403;
    static final int DEFAULT_COLLATION = 100;
    static final int PG_CLASS = 1259;
    static final int PG_NAMESPACE = 2615;
    static final int PG_CONSTRAINT = 2606;
    static final int PG_DATABASE = 1262;
    static final int PG_TYPE = 1247;
    static final int PG_PROC = 1255;

    record Namespace(int oid, String name, int owner, String comment) {
    }

    /** A user relation; {@code def} set for system relations instead of {@code model}. */
    record Rel(int oid, Namespace ns, String name, char relkind, int owner, List<SchemaModel.Column> columns,
               SchemaModel.Relation model, SystemRelations.Def def) {
        int attnum(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i + 1;
                }
            }
            return 0;
        }
    }

    record Con(int oid, Rel rel, SchemaModel.Constraint c, Rel referenced, int indexOid) {
    }

    /** An index: of a constraint ({@code constraint} set) or created on its own. */
    record Idx(int oid, Rel rel, String name, List<String> columns, boolean unique, boolean primary, Con constraint) {
    }

    record Role(int oid, String name, boolean superuser) {
    }

    record Database(int oid, String name) {
    }

    final OidAllocator oids;
    final TypeRegistry types;
    final SessionContext session;
    final List<String> searchPath;
    final List<Namespace> namespaces = new ArrayList<>();
    final List<Rel> relations = new ArrayList<>();
    final List<Con> constraints = new ArrayList<>();
    final List<Idx> indexes = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();
    final List<Database> databases = new ArrayList<>();
    final Collection<SessionContext> sessions;
    /** The model's enum types (CREATE TYPE ... AS ENUM). */
    final List<io.pgserve.engine.EnumType> enumTypes;
    private final Map<Integer, Rel> relByOid = new HashMap<>();
    private final Map<String, Namespace> nsByName = new LinkedHashMap<>();
    private final Map<String, Role> roleByName = new LinkedHashMap<>();

    CatalogSnapshot(SchemaModel model, OidAllocator oids, TypeRegistry types, SessionContext session,
                    List<String> searchPath, Collection<SessionContext> sessions) {
        this.oids = oids;
        this.types = types;
        this.session = session;
        this.searchPath = searchPath;
        this.sessions = sessions;
        this.enumTypes = model.enumTypes();
        for (io.pgserve.engine.EnumType e : enumTypes) {
            io.pgserve.engine.internal.EnumCodec.register(types, e); // a raw handler's types reach the wire too
        }
        role(user());
        Role dbOwner = new Role(PG_DATABASE_OWNER, "pg_database_owner", false);
        roles.add(dbOwner);
        roleByName.put(dbOwner.name, dbOwner);
        for (SessionContext s : sessions) {
            role(s.user());
        }
        database(database());
        for (SessionContext s : sessions) {
            database(s.database());
        }
        addNamespace(new Namespace(PG_CATALOG, "pg_catalog", BOOTSTRAP_ROLE, "system catalog schema"));
        addNamespace(new Namespace(PG_TOAST, "pg_toast", BOOTSTRAP_ROLE, "reserved schema for TOAST tables"));
        addNamespace(new Namespace(INFORMATION_SCHEMA, "information_schema", BOOTSTRAP_ROLE, null));
        for (SchemaModel.Schema s : model.schemas()) {
            int oid = s.oid() != 0 ? s.oid() : s.name().equals("public") ? 2200 : oids.oid("schema:" + s.name());
            int owner = s.owner() == null ? (s.name().equals("public") ? PG_DATABASE_OWNER : BOOTSTRAP_ROLE)
                    : role(s.owner()).oid;
            addNamespace(new Namespace(oid, s.name(), owner, s.comment()));
        }
        for (SystemRelations.Def d : SystemRelations.all()) {
            Namespace ns = nsByName.get(d.schema());
            List<SchemaModel.Column> cols = new ArrayList<>();
            d.columns().forEach(c -> cols.add(SchemaModel.Column.of(c.name(), c.type())));
            addRel(new Rel(d.oid(), ns, d.name(), d.relkind(), BOOTSTRAP_ROLE, cols, null, d));
        }
        List<Rel> user = new ArrayList<>();
        for (SchemaModel.Relation r : model.relations()) {
            Namespace ns = nsByName.get(r.schema());
            if (ns == null) {
                ns = new Namespace(oids.oid("schema:" + r.schema()), r.schema(), BOOTSTRAP_ROLE, null);
                addNamespace(ns);
            }
            int oid = r.oid() != 0 ? r.oid() : oids.oid("rel:" + r.schema() + "." + r.name());
            int owner = r.owner() == null ? role(user()).oid : role(r.owner()).oid;
            Rel rel = new Rel(oid, ns, r.name(), r.kind().relkind(), owner, r.columns(), r, null);
            addRel(rel);
            user.add(rel);
        }
        for (Rel rel : user) {
            String key = rel.ns.name + "." + rel.name + ".";
            for (SchemaModel.Constraint c : rel.model.constraints()) {
                Rel ref = c.referencedTable() == null ? null : find(c.referencedSchema() == null ? rel.ns.name
                        : c.referencedSchema(), c.referencedTable());
                boolean indexed = c.type() == SchemaModel.ConstraintType.PRIMARY_KEY
                        || c.type() == SchemaModel.ConstraintType.UNIQUE;
                int indexOid = indexed ? oids.oid("index:" + key + c.name()) : 0;
                Con con = new Con(oids.oid("constraint:" + key + c.name()), rel, c, ref, indexOid);
                constraints.add(con);
                if (indexed) {
                    indexes.add(new Idx(indexOid, rel, c.name(), c.columns(), true,
                            c.type() == SchemaModel.ConstraintType.PRIMARY_KEY, con));
                }
            }
            for (SchemaModel.Index i : rel.model.indexes()) {
                indexes.add(new Idx(oids.oid("index:" + key + i.name()), rel, i.name(), i.columns(), i.unique(),
                        false, null));
            }
        }
        // a foreign key's index is the referenced table's key index
        for (int i = 0; i < constraints.size(); i++) {
            Con c = constraints.get(i);
            if (c.c().type() == SchemaModel.ConstraintType.FOREIGN_KEY && c.referenced() != null) {
                for (Idx x : indexes) {
                    if (x.rel() == c.referenced() && x.unique() && x.columns().equals(c.c().referencedColumns())) {
                        constraints.set(i, new Con(c.oid(), c.rel(), c.c(), c.referenced(), x.oid()));
                        break;
                    }
                }
            }
        }
        for (Idx x : indexes) {
            List<SchemaModel.Column> cols = new ArrayList<>();
            for (String c : x.columns()) {
                SchemaModel.Column col = x.rel().model.column(c);
                cols.add(SchemaModel.Column.of(c, col == null ? PgType.TEXT : col.type()));
            }
            addRel(new Rel(x.oid(), x.rel().ns, x.name(), 'i', x.rel().owner, cols, null, null));
        }
    }

    String user() {
        return session == null ? "postgres" : session.user();
    }

    String database() {
        return session == null ? "postgres" : session.database();
    }

    private void addNamespace(Namespace ns) {
        if (nsByName.putIfAbsent(ns.name, ns) == null) {
            namespaces.add(ns);
        }
    }

    private void addRel(Rel r) {
        relations.add(r);
        relByOid.put(r.oid, r);
    }

    /** The role of this name, created (with a stable OID) when first named; "postgres" is the bootstrap role. */
    Role role(String name) {
        return roleByName.computeIfAbsent(name, n -> {
            Role r = new Role(n.equals("postgres") ? BOOTSTRAP_ROLE : oids.oid("role:" + n), n, true);
            roles.add(r);
            return r;
        });
    }

    private void database(String name) {
        if (databases.stream().noneMatch(d -> d.name.equals(name))) {
            databases.add(new Database(name.equals("postgres") ? 5 : oids.oid("database:" + name), name));
        }
    }

    Rel rel(long oid) {
        return relByOid.get((int) oid);
    }

    Namespace namespace(String name) {
        return nsByName.get(name);
    }

    Namespace namespace(long oid) {
        for (Namespace n : namespaces) {
            if (n.oid == oid) {
                return n;
            }
        }
        return null;
    }

    Role role(long oid) {
        for (Role r : roles) {
            if (r.oid == oid) {
                return r;
            }
        }
        return null;
    }

    /** The relation schema.name, or null. */
    Rel find(String schema, String name) {
        for (Rel r : relations) {
            if (r.ns.name.equals(schema) && r.name.equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Whether a relation is the first of its name along the search path (pg_table_is_visible). */
    boolean visible(Rel r) {
        for (String s : searchPath) {
            Rel first = find(s, r.name);
            if (first != null) {
                return first == r;
            }
        }
        return false;
    }

    Con constraint(long oid) {
        for (Con c : constraints) {
            if (c.oid == oid) {
                return c;
            }
        }
        return null;
    }

    Idx index(long oid) {
        for (Idx x : indexes) {
            if (x.oid == oid) {
                return x;
            }
        }
        return null;
    }

    /** The OID of a column's pg_attrdef row. */
    int attrdefOid(Rel r, int attnum) {
        return oids.oid("attrdef:" + r.oid + "." + attnum);
    }

    /** The name of a relation as regclass prints it: qualified unless visible. */
    String regclass(Rel r) {
        String n = Sql.quoteIdent(r.name);
        return visible(r) ? n : Sql.quoteIdent(r.ns.name) + "." + n;
    }
}
