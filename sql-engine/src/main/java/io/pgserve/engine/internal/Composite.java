package io.pgserve.engine.internal;

import io.netty.buffer.ByteBuf;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableFunctionRegistry;
import io.pgserve.server.PgException;
import io.pgserve.server.SqlState;
import io.pgserve.server.internal.types.ArrayCodec;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgArray;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Composite (row) values, as PostgreSQL's anonymous {@code record} type has them: {@code ROW(a, b)}, whole-row
 * references, functions with several OUT columns; their values are {@link RowValue}s, printed as {@code (1,abc)}.
 *
 * <p>A record type's fields are known while binding as PostgreSQL's "blessed" record typmods make them known: each
 * distinct shape (field names and types) has its own {@link PgType} instance of OID 2249 (equal to every other
 * record type, as PgType compares OIDs), found again with {@link #shapeOf}. The plain {@link #RECORD} has no shape.
 *
 * <p>Also the two array-like catalog types int2vector and oidvector (pg_index.indkey, pg_proc.proargtypes): arrays
 * with lower bound 0, printed as {@code 1 2}.
 */
public final class Composite {
    /** The anonymous record type (no known fields). */
    public static final PgType RECORD = new PgType(2249, "record", -1, 'P', 2287, 0);
    public static final PgType INT2VECTOR = new PgType(22, "int2vector", -1, 'A', 1006, PgType.INT2.oid());
    public static final PgType OIDVECTOR = new PgType(30, "oidvector", -1, 'A', 1013, PgType.OID.oid());

    /** The record type of each shape (interned: bounded by the distinct shapes queries use). */
    private static final Map<Shape, PgType> TYPES = new ConcurrentHashMap<>();
    private static final Map<PgType, Shape> SHAPES = Collections.synchronizedMap(new IdentityHashMap<>());

    private Composite() {
    }

    /** The field names and types of a row type. */
    public record Shape(List<String> names, List<PgType> types) {
        public Shape {
            names = List.copyOf(names);
            types = List.copyOf(types);
        }

        // a nested record field is a different shape when its type instance is (PgType compares OIDs only)
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Shape s) || !names.equals(s.names) || types.size() != s.types.size()) {
                return false;
            }
            for (int i = 0; i < types.size(); i++) {
                PgType a = types.get(i);
                PgType b = s.types.get(i);
                if (!a.equals(b) || a.oid() == RECORD.oid() && a != b) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Objects.hash(names, types);
        }
    }

    /** A row value: its fields' types (to print them) and values. */
    public record RowValue(List<PgType> types, Object[] values) {
        /** Equal when {@link Values#compare} says so (NULL fields equal each other, as record_eq has it). */
        @Override
        public boolean equals(Object o) {
            return o instanceof RowValue r && r.values.length == values.length && Values.compare(this, r) == 0;
        }

        @Override
        public int hashCode() {
            int h = values.length;
            for (Object v : values) {
                h = h * 31 + (v == null ? 0 : Values.hashKey(v).hashCode());
            }
            return h;
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** The record type with these fields. */
    static PgType typeOf(Shape shape) {
        return TYPES.computeIfAbsent(shape, s -> {
            PgType t = new PgType(RECORD.oid(), RECORD.name(), RECORD.length(), RECORD.category(), RECORD.arrayOid(),
                    0);
            SHAPES.put(t, s);
            return t;
        });
    }

    /** The fields of a record type, or null (not a record type, or one whose fields are not known). */
    static Shape shapeOf(PgType type) {
        return type.oid() == RECORD.oid() ? SHAPES.get(type) : null;
    }

    static boolean isRecord(PgType type) {
        return type.oid() == RECORD.oid();
    }

    /** Whether a type is int2vector or oidvector (arrays with lower bound 0). */
    public static boolean isVector(PgType type) {
        return type.oid() == INT2VECTOR.oid() || type.oid() == OIDVECTOR.oid();
    }

    /** Adds record, int2vector and oidvector to a registry that lacks them. */
    public static void registerIn(TypeRegistry types) {
        if (types.byOid(RECORD.oid()) != null || types.codec(PgType.INT2) == null) {
            return;
        }
        synchronized (types) {
            if (types.byOid(RECORD.oid()) == null) {
                types.register(INT2VECTOR, new VectorCodec(PgType.INT2, types.codec(PgType.INT2)));
                types.register(OIDVECTOR, new VectorCodec(PgType.OID, types.codec(PgType.OID)));
                types.register(RECORD, new RecordCodec(types));
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    /** {@code ROW(a, b)}, a whole-row reference: a row of the fields' values ({@code fieldTypes}: the shape's). */
    record MakeRow(List<Expr> fields, PgType type, List<PgType> fieldTypes) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object[] v = new Object[fields.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = fields.get(i).eval(row, ctx);
            }
            return new RowValue(fieldTypes, v);
        }
    }

    /** {@code (row).field}. */
    record FieldSelect(Expr arg, int index, PgType type) implements Expr {
        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object v = arg.eval(row, ctx);
            return v == null ? null : ((RowValue) v).values()[index];
        }
    }

    /** {@code row IS [NOT] NULL}: IS NULL when every field is null, IS NOT NULL when none is. */
    record RowNullTest(Expr arg, boolean negated) implements Expr {
        @Override
        public PgType type() {
            return PgType.BOOL;
        }

        @Override
        public Object eval(Object[] row, EvalContext ctx) {
            Object v = arg.eval(row, ctx);
            if (v == null) {
                return !negated;
            }
            for (Object f : ((RowValue) v).values()) {
                if ((f == null) == negated) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A row of these fields (names f1, f2... for ROW(...)). */
    static Expr makeRow(List<String> names, List<Expr> fields) {
        List<PgType> types = new ArrayList<>();
        fields.forEach(f -> types.add(f.type()));
        PgType type = typeOf(new Shape(names, types));
        return new MakeRow(fields, type, shapeOf(type).types());
    }

    /**
     * {@code (base).name}: the field of a record whose fields are known (42703 when it has none of that name,
     * 42809 when {@code base} is no record).
     */
    static Expr field(Expr base, String name, int pos) {
        if (!isRecord(base.type())) {
            throw PgException.builder("42809", "column notation ." + name + " applied to type "
                    + Types.displayName(base.type()) + ", which is not a composite type").position(pos).build();
        }
        Shape shape = shapeOf(base.type());
        int i = shape == null ? -1 : shape.names().indexOf(name);
        if (i < 0) {
            throw PgException.builder(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + name
                    + "\" in record data type").position(pos).build();
        }
        if (base instanceof MakeRow m) {
            return m.fields().get(i);
        }
        return new FieldSelect(base, i, shape.types().get(i));
    }

    /**
     * A set-returning function of several columns as one whose single column is the record of them (a call in a
     * select list).
     */
    static TableFunctionRegistry.TableFunction asRecordFunction(TableFunctionRegistry.TableFunction fn,
                                                                 List<PgType> columnTypes) {
        List<String> names = new ArrayList<>();
        fn.columns().forEach(c -> names.add(c.name()));
        PgType type = typeOf(new Shape(names, columnTypes));
        List<PgType> fieldTypes = List.copyOf(columnTypes);
        return new TableFunctionRegistry.TableFunction(fn.name(), fn.argumentTypes(),
                List.of(TableColumn.of(fn.name(), type)), fn.strict(), (c, a) -> {
                    Iterator<Object[]> rows = fn.implementation().apply(c, a);
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return rows.hasNext();
                        }

                        @Override
                        public Object[] next() {
                            return new Object[] {new RowValue(fieldTypes, rows.next().clone())};
                        }
                    };
                });
    }

    // ---------------------------------------------------------------- information_schema._pg_expandarray

    /**
     * {@code information_schema._pg_expandarray(anyarray)}: per element of the first dimension, {@code (x, n)} with
     * {@code n} counting from 1 (x NULL for a sub-array, as {@code $1[s]} of a multi-dimensional array is).
     */
    public static void registerExpandArray(TableFunctionRegistry r) {
        r.register("information_schema._pg_expandarray", List.of(TableFunctionRegistry.ANYARRAY),
                List.of(TableColumn.of("x", TableFunctionRegistry.ANYELEMENT), TableColumn.of("n", PgType.INT4)),
                (c, a) -> {
                    PgArray arr = (PgArray) a[0];
                    int count = arr.isEmpty() ? 0 : arr.dimensions().get(0);
                    boolean flat = arr.ndim() <= 1;
                    List<Object[]> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        out.add(new Object[] {flat ? arr.elements().get(i) : null, i + 1});
                    }
                    return out.iterator();
                });
    }

    // ---------------------------------------------------------------- codecs

    /** record_out: {@code (1,"a b",,"")}; binary and input are not supported (anonymous records have no input). */
    private static final class RecordCodec implements Codec {
        private final TypeRegistry types;

        RecordCodec(TypeRegistry types) {
            this.types = types;
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            out.writeCharSequence(text((RowValue) value, ctx), StandardCharsets.UTF_8);
        }

        private String text(RowValue r, CodecContext ctx) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < r.values().length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Object v = r.values()[i];
                if (v == null) {
                    continue;
                }
                String s = v instanceof RowValue nested ? text(nested, ctx)
                        : Casts.toText(v, r.types().get(i), types, ctx);
                boolean quote = s.isEmpty();
                for (int k = 0; k < s.length() && !quote; k++) {
                    char ch = s.charAt(k);
                    quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || ch == ' '
                            || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\u000b' || ch == '\f';
                }
                if (!quote) {
                    sb.append(s);
                    continue;
                }
                sb.append('"');
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    if (ch == '"' || ch == '\\') {
                        sb.append(ch);
                    }
                    sb.append(ch);
                }
                sb.append('"');
            }
            return sb.append(')').toString();
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            throw new UnsupportedOperationException("record has no binary output here");
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not "
                    + "implemented");
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not "
                    + "implemented");
        }

        @Override
        public boolean supportsBinary() {
            return false;
        }
    }

    /** int2vector / oidvector: text {@code 1 2} (lower bound 0); binary as an array (int2vectorsend is array_send). */
    private static final class VectorCodec implements Codec {
        private final PgType element;
        private final Codec elementCodec;
        private final ArrayCodec array;

        VectorCodec(PgType element, Codec elementCodec) {
            this.element = element;
            this.elementCodec = elementCodec;
            this.array = new ArrayCodec(element, elementCodec);
        }

        @Override
        public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
            List<Object> elements = ((PgArray) value).elements();
            for (int i = 0; i < elements.size(); i++) {
                if (i > 0) {
                    out.writeByte(' ');
                }
                elementCodec.encodeText(elements.get(i), out, ctx);
            }
        }

        @Override
        public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
            array.encodeBinary(value, out, ctx);
        }

        @Override
        public Object decodeText(ByteBuf in, CodecContext ctx) {
            String text = in.toString(StandardCharsets.UTF_8).trim();
            List<Object> out = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String part : text.split("\\s+")) {
                    ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(part.getBytes(StandardCharsets.UTF_8));
                    try {
                        out.add(elementCodec.decodeText(b, ctx));
                    } finally {
                        b.release();
                    }
                }
            }
            return vector(element, out);
        }

        @Override
        public Object decodeBinary(ByteBuf in, CodecContext ctx) {
            PgArray a = (PgArray) array.decodeBinary(in, ctx);
            return a.isEmpty() ? a : a.withLowerBounds(0);
        }
    }

    /** An int2vector / oidvector value: a one-dimensional array with lower bound 0. */
    public static PgArray vector(PgType element, List<?> elements) {
        PgArray a = PgArray.of(element, elements);
        return a.isEmpty() ? a : a.withLowerBounds(0);
    }
}
