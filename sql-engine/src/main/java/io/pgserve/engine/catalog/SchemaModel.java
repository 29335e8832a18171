package io.pgserve.engine.catalog;

import io.pgserve.engine.Catalog;
import io.pgserve.engine.EnumType;
import io.pgserve.engine.SchemaEditor;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableConstraint;
import io.pgserve.engine.TableIndex;
import io.pgserve.engine.internal.catalog.DefaultText;
import io.pgserve.server.types.PgType;
import io.pgserve.sql.ast.NullLiteral;
import io.pgserve.sql.ast.TypeCast;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a database contains, as pg_catalog and information_schema show it: schemas, and their tables, views and
 * sequences with columns (type, type modifier, nullability, default, identity), constraints (primary key, unique,
 * foreign key, check), indexes and comments. The engine's system catalog generates pg_class, pg_attribute,
 * pg_constraint, information_schema.columns... from it, so psql's {@code \d}, JDBC's DatabaseMetaData and ORMs see
 * the schema.
 *
 * <p>memdb and {@link io.pgserve.engine.Catalog#of} catalogs supply one automatically (a table SPI user gets one
 * derived from {@link Table#columns()}); a raw {@link io.pgserve.server.QueryHandler} describes its own:
 *
 * <pre>{@code
 * SchemaModel model = SchemaModel.of(List.of(
 *     SchemaModel.Relation.table("public", "users")
 *         .column(SchemaModel.Column.of("id", PgType.INT8).withNotNull().withIdentity('d'))
 *         .column(SchemaModel.Column.of("email", PgType.VARCHAR).withTypeModifier(200 + 4))
 *         .primaryKey("users_pkey", "id")
 *         .unique("users_email_key", "email")
 *         .comment("registered users")
 *         .build()));
 * }</pre>
 *
 * Names are as PostgreSQL stores them (lower case unless quoted). An OID of 0 means "assign one": the system catalog
 * gives such objects OIDs that stay the same for the life of the process.
 */
public interface SchemaModel {
    /** The user schemas (never pg_catalog or information_schema); {@code public} is usually one of them. */
    List<Schema> schemas();

    /** Every table, view and sequence of the user schemas. */
    List<Relation> relations();

    /**
     * The enum types of the user schemas (CREATE TYPE ... AS ENUM), shown in pg_type (with their array types) and
     * pg_enum; none unless a model lists them:
     *
     * <pre>{@code
     * EnumType mood = new EnumType("public", "mood", 90001, 90000);
     * mood.add("sad", 90002, null, false);
     * mood.add("happy", 90003, null, false);
     * SchemaModel model = SchemaModel.of(List.of(Schema.PUBLIC), List.of(
     *         Relation.table("public", "person").column(Column.of("m", mood.type())).build()), List.of(mood));
     * }</pre>
     */
    default List<EnumType> enumTypes() {
        return List.of();
    }

    /** A model with the schema {@code public} and nothing in it. */
    SchemaModel EMPTY = of(List.of());

    /** A fixed model: the schema {@code public} plus the schemas of {@code relations}. */
    static SchemaModel of(List<Relation> relations) {
        List<Schema> schemas = new ArrayList<>();
        schemas.add(Schema.PUBLIC);
        for (Relation r : relations) {
            if (schemas.stream().noneMatch(s -> s.name().equals(r.schema()))) {
                schemas.add(new Schema(r.schema(), 0, null, null));
            }
        }
        return of(schemas, relations);
    }

    /** A fixed model. */
    static SchemaModel of(List<Schema> schemas, List<Relation> relations) {
        return of(schemas, relations, List.of());
    }

    /** A fixed model with enum types. */
    static SchemaModel of(List<Schema> schemas, List<Relation> relations, List<EnumType> enumTypes) {
        List<Schema> s = List.copyOf(schemas);
        List<Relation> r = List.copyOf(relations);
        List<EnumType> e = List.copyOf(enumTypes);
        return new SchemaModel() {
            @Override
            public List<EnumType> enumTypes() {
                return e;
            }

            @Override
            public List<Schema> schemas() {
                return s;
            }

            @Override
            public List<Relation> relations() {
                return r;
            }
        };
    }

    /** The model of SPI tables: one table per {@link Table}, from its columns, constraints, indexes and comments. */
    static SchemaModel ofTables(Collection<? extends Table> tables) {
        List<Relation> out = new ArrayList<>();
        for (Table t : tables) {
            out.add(Relation.of(t).build());
        }
        return of(out);
    }

    /**
     * The model of a catalog: its {@link Catalog#schemas() schemas}, their {@link Catalog#tables tables}, and the
     * sequences of its {@link Catalog#schemaEditor() schema editor}, and its {@link Catalog#enumTypes enum types}.
     */
    static SchemaModel of(Catalog catalog) {
        List<Schema> schemas = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        List<EnumType> enums = new ArrayList<>();
        SchemaEditor editor = catalog.schemaEditor();
        for (String s : catalog.schemas()) {
            enums.addAll(catalog.enumTypes(s));
            schemas.add(s.equals("public") ? Schema.PUBLIC : new Schema(s, 0, null, null));
            for (Table t : catalog.tables(s)) {
                relations.add(Relation.of(t).build());
            }
            if (editor != null) {
                for (String seq : editor.sequences(s)) {
                    SchemaEditor.SequenceOptions options = editor.sequence(s, seq);
                    if (options != null) { // null: dropped meanwhile
                        relations.add(Relation.sequence(s, seq, options).build());
                    }
                }
            }
        }
        return of(schemas, relations, enums);
    }

    /**
     * A schema.
     *
     * @param oid     0 to have one assigned ({@code public} is 2200, as in PostgreSQL)
     * @param owner   the owning role, or null for the bootstrap superuser
     * @param comment COMMENT ON SCHEMA, or null
     */
    record Schema(String name, int oid, String owner, String comment) {
        public static final Schema PUBLIC = new Schema("public", 2200, null, "standard public schema");

        public Schema {
            Objects.requireNonNull(name, "name");
        }
    }

    /** pg_class.relkind of the relations a model describes. */
    enum Kind {
        TABLE('r'), VIEW('v'), SEQUENCE('S');

        private final char relkind;

        Kind(char relkind) {
            this.relkind = relkind;
        }

        public char relkind() {
            return relkind;
        }
    }

    /**
     * A column.
     *
     * @param typeModifier      pg_attribute.atttypmod: -1 for none; varchar(n) and char(n) are n + 4,
     *                          numeric(p, s) is ((p << 16) | s) + 4
     * @param defaultExpression the DEFAULT as SQL text, as pg_get_expr prints it ({@code nextval('t_id_seq'::regclass)}),
     *                          or null
     * @param identity          pg_attribute.attidentity: {@code 'a'} GENERATED ALWAYS, {@code 'd'} BY DEFAULT, or 0
     * @param comment           COMMENT ON COLUMN, or null
     */
    record Column(String name, PgType type, int typeModifier, boolean notNull, String defaultExpression,
                  char identity, String comment) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** A nullable column without type modifier, default, identity or comment. */
        public static Column of(String name, PgType type) {
            return new Column(name, type, -1, false, null, (char) 0, null);
        }

        /** The column of an SPI table of {@code schema}; its default as pg_get_expr prints the common forms. */
        public static Column of(TableColumn c, String schema) {
            char identity = switch (c.identity()) {
                case ALWAYS -> 'a';
                case BY_DEFAULT -> 'd';
                default -> (char) 0;
            };
            // a NULL default is not stored (PostgreSQL makes no pg_attrdef row for it)
            boolean nullDefault = c.defaultValue() instanceof NullLiteral
                    || c.defaultValue() instanceof TypeCast t && t.operand() instanceof NullLiteral;
            String def = c.defaultValue() == null || nullDefault || identity != 0 ? null
                    : DefaultText.of(c.defaultValue(), schema, c.type(), c.typeModifier());
            return new Column(c.name(), c.type(), c.typeModifier(), c.notNull(), def, identity, null);
        }

        public Column withNotNull() {
            return new Column(name, type, typeModifier, true, defaultExpression, identity, comment);
        }

        public Column withTypeModifier(int typmod) {
            return new Column(name, type, typmod, notNull, defaultExpression, identity, comment);
        }

        public Column withDefault(String sql) {
            return new Column(name, type, typeModifier, notNull, sql, identity, comment);
        }

        public Column withIdentity(char kind) {
            return new Column(name, type, typeModifier, notNull, defaultExpression, kind, comment);
        }

        public Column withComment(String text) {
            return new Column(name, type, typeModifier, notNull, defaultExpression, identity, text);
        }
    }

    /** pg_constraint.contype. */
    enum ConstraintType {
        PRIMARY_KEY('p'), UNIQUE('u'), FOREIGN_KEY('f'), CHECK('c');

        private final char contype;

        ConstraintType(char contype) {
            this.contype = contype;
        }

        public char contype() {
            return contype;
        }
    }

    /**
     * A table constraint. Primary keys and unique constraints have an index of the same name (as in PostgreSQL),
     * which the system catalog shows in pg_index; do not list it again in {@link Relation#indexes()}.
     *
     * @param columns           the constrained columns, in order
     * @param referencedSchema  for a foreign key: the referenced table's schema; else null
     * @param referencedColumns for a foreign key: the referenced columns; else empty
     * @param onUpdate          for a foreign key: pg_constraint.confupdtype ({@code a} no action, {@code r} restrict,
     *                          {@code c} cascade, {@code n} set null, {@code d} set default); else 0
     * @param check             for a check constraint: its expression as pg_get_constraintdef prints it inside
     *                          {@code CHECK (...)}; else null
     */
    record Constraint(String name, ConstraintType type, List<String> columns, String referencedSchema,
                      String referencedTable, List<String> referencedColumns, char onUpdate, char onDelete,
                      String check) {
        public Constraint {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        public static Constraint primaryKey(String name, List<String> columns) {
            return new Constraint(name, ConstraintType.PRIMARY_KEY, columns, null, null, List.of(), (char) 0,
                    (char) 0, null);
        }

        public static Constraint unique(String name, List<String> columns) {
            return new Constraint(name, ConstraintType.UNIQUE, columns, null, null, List.of(), (char) 0, (char) 0,
                    null);
        }

        public static Constraint foreignKey(String name, List<String> columns, String referencedSchema,
                                            String referencedTable, List<String> referencedColumns, char onUpdate,
                                            char onDelete) {
            return new Constraint(name, ConstraintType.FOREIGN_KEY, columns, referencedSchema, referencedTable,
                    referencedColumns, onUpdate, onDelete, null);
        }

        /** The model of an SPI table's constraint. */
        public static Constraint of(TableConstraint k) {
            return switch (k.kind()) {
                case PRIMARY_KEY -> primaryKey(k.name(), k.columns());
                case UNIQUE -> unique(k.name(), k.columns());
                case CHECK -> check(k.name(), k.columns(), k.checkText());
                case FOREIGN_KEY -> foreignKey(k.name(), k.columns(), k.referencedSchema(), k.referencedTable(),
                        k.referencedColumns(), action(k.onUpdate()), action(k.onDelete()));
            };
        }

        private static char action(TableConstraint.Action a) {
            return switch (a) {
                case RESTRICT -> 'r';
                case CASCADE -> 'c';
                case SET_NULL -> 'n';
                case SET_DEFAULT -> 'd';
                default -> 'a';
            };
        }

        public static Constraint check(String name, List<String> columns, String expression) {
            return new Constraint(name, ConstraintType.CHECK, columns, null, null, List.of(), (char) 0, (char) 0,
                    expression);
        }
    }

    /**
     * An index that is not a constraint's (CREATE INDEX): its columns (or expressions, as SQL text) and whether it is
     * unique. Method btree.
     */
    record Index(String name, List<String> columns, boolean unique) {
        public Index {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
        }
    }

    /**
     * A table, view or sequence.
     *
     * @param oid            0 to have one assigned; an SPI table's {@link Table#oid()} when it has one
     * @param viewDefinition for a view: its SELECT as pg_get_viewdef prints it; else null
     * @param owner          the owning role, or null for the bootstrap superuser
     * @param sequence       for a sequence: its options (pg_sequence, and pg_depend for the column owning it); else
     *                       null
     */
    record Relation(int oid, String schema, String name, Kind kind, List<Column> columns,
                    List<Constraint> constraints, List<Index> indexes, String viewDefinition, String owner,
                    String comment, SchemaEditor.SequenceOptions sequence) {
        public Relation {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            indexes = List.copyOf(indexes);
        }

        public static Builder table(String schema, String name) {
            return new Builder(schema, name, Kind.TABLE);
        }

        public static Builder view(String schema, String name, String definition) {
            Builder b = new Builder(schema, name, Kind.VIEW);
            b.viewDefinition = definition;
            return b;
        }

        /** A bigint sequence owned by no column, with CREATE SEQUENCE's defaults. */
        public static Builder sequence(String schema, String name) {
            return sequence(schema, name, SchemaEditor.SequenceOptions.of(Long.MAX_VALUE));
        }

        /**
         * A sequence (its columns are PostgreSQL's: last_value, log_cnt, is_called), e.g. a serial column's:
         * {@code sequence("public", "author_id_seq", SequenceOptions.of(Integer.MAX_VALUE).as(PgType.INT4)
         * .ownedBy("author", "id"))}.
         */
        public static Builder sequence(String schema, String name, SchemaEditor.SequenceOptions options) {
            Builder b = new Builder(schema, name, Kind.SEQUENCE)
                    .column(Column.of("last_value", PgType.INT8).withNotNull())
                    .column(Column.of("log_cnt", PgType.INT8).withNotNull())
                    .column(Column.of("is_called", PgType.BOOL).withNotNull());
            b.sequence = Objects.requireNonNull(options, "options");
            return b;
        }

        /**
         * A builder holding an SPI table's name, OID, columns, constraints, indexes (those of its constraints left
         * out: they are implied) and comments.
         */
        public static Builder of(Table t) {
            Builder b = new Builder(t.schema(), t.name(), Kind.TABLE);
            b.oid = t.oid();
            b.comment = t.comment();
            for (TableColumn c : t.columns()) {
                b.column(Column.of(c, t.schema()).withComment(t.columnComment(c.name())));
            }
            List<String> keyNames = new ArrayList<>();
            for (TableConstraint k : t.constraints()) {
                b.constraint(Constraint.of(k));
                if (k.isKey()) {
                    keyNames.add(k.name());
                }
            }
            for (TableIndex x : t.indexes()) {
                if (!keyNames.contains(x.name())) {
                    b.index(new Index(x.name(), x.columns(), x.unique()));
                }
            }
            return b;
        }

        /** The column of this name, or null. */
        public Column column(String name) {
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** Builds a {@link Relation}. */
    final class Builder {
        private final String schema;
        private final String name;
        private final Kind kind;
        private int oid;
        private final List<Column> columns = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private String viewDefinition;
        private String owner;
        private String comment;
        private SchemaEditor.SequenceOptions sequence;

        private Builder(String schema, String name, Kind kind) {
            this.schema = schema;
            this.name = name;
            this.kind = kind;
        }

        public Builder oid(int oid) {
            this.oid = oid;
            return this;
        }

        public Builder column(Column column) {
            columns.add(column);
            return this;
        }

        /** Adds a primary key and marks its columns NOT NULL. */
        public Builder primaryKey(String constraintName, String... columnNames) {
            for (String c : columnNames) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).name().equals(c)) {
                        columns.set(i, columns.get(i).withNotNull());
                    }
                }
            }
            return constraint(Constraint.primaryKey(constraintName, List.of(columnNames)));
        }

        public Builder unique(String constraintName, String... columnNames) {
            return constraint(Constraint.unique(constraintName, List.of(columnNames)));
        }

        public Builder constraint(Constraint constraint) {
            constraints.add(constraint);
            return this;
        }

        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        public Builder owner(String role) {
            this.owner = role;
            return this;
        }

        public Builder comment(String text) {
            this.comment = text;
            return this;
        }

        public Relation build() {
            return new Relation(oid, schema, name, kind, columns, constraints, indexes, viewDefinition, owner,
                    comment, sequence);
        }
    }
}
