package io.pgserve.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.engine.Catalog;
import io.pgserve.engine.EnumType;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The codec of a catalog's enum type: values are {@link EnumType.Value}s; the text and the binary form are both the
 * label's UTF-8 bytes (enum_out/enum_send); input is checked against the type's labels as they are now (enum_in).
 */
public final class EnumCodec implements Codec {
    /** PostgreSQL's FirstNormalObjectId: user types (and the OIDs registries give them) are at or above it. */
    private static final int FIRST_USER_OID = 16384;

    private final EnumType type;

    private EnumCodec(EnumType type) {
        this.type = type;
    }

    /**
     * Makes the server know an enum type by OID (for RowDescription, results, parameters and Parse), unless it already
     * knows this very type. Names stay with the catalog.
     */
    public static void register(TypeRegistry types, EnumType type) {
        if (types.codec(type.type()) instanceof EnumCodec c && c.type == type) {
            return;
        }
        types.registerByOid(type.type(), new EnumCodec(type));
    }

    /** Registers every enum type of the catalog's schemas. */
    public static void registerAll(TypeRegistry types, Catalog catalog) {
        for (String schema : catalog.schemas()) {
            for (EnumType t : catalog.enumTypes(schema)) {
                register(types, t);
            }
        }
    }

    /** The enum type of a registered enum type's OID, or null. */
    public static EnumType of(TypeRegistry types, PgType t) {
        return types.codec(t) instanceof EnumCodec c ? c.type : null;
    }

    /** enum_first, enum_last and enum_range: the values of the type of their (possibly null) arguments. */
    public static void registerFunctions(io.pgserve.engine.FunctionRegistry r) {
        PgType anyenum = io.pgserve.engine.PseudoTypes.ANY_ENUM;
        PgType anyarray = io.pgserve.engine.PseudoTypes.ANY_ARRAY;
        r.register(new io.pgserve.engine.FunctionRegistry.Function("enum_first", List.of(anyenum), anyenum, false,
                false, (Overloads.Specializable) (args, result, types) -> (c, a) -> first(of(types, result),
                true)));
        r.register(new io.pgserve.engine.FunctionRegistry.Function("enum_last", List.of(anyenum), anyenum, false,
                false, (Overloads.Specializable) (args, result, types) -> (c, a) -> first(of(types, result),
                false)));
        r.register(new io.pgserve.engine.FunctionRegistry.Function("enum_range", List.of(anyenum), anyarray, false,
                false, (Overloads.Specializable) (args, result, types) -> (c, a) -> io.pgserve.server.types.PgArray
                        .of(args.get(0), values(types, args.get(0)))));
        r.register(new io.pgserve.engine.FunctionRegistry.Function("enum_range", List.of(anyenum, anyenum), anyarray,
                false, false, (Overloads.Specializable) (args, result, types) -> (c, a) -> {
                    List<EnumType.Value> all = values(types, args.get(0));
                    int from = a[0] == null ? 0 : all.indexOf(a[0]);
                    int to = a[1] == null ? all.size() - 1 : all.indexOf(a[1]);
                    return io.pgserve.server.types.PgArray.of(args.get(0), from > to ? List.of()
                            : all.subList(from, to + 1));
                }));
    }

    private static List<EnumType.Value> values(TypeRegistry types, PgType t) {
        EnumType e = of(types, t);
        return e == null ? List.of() : e.values();
    }

    private static Object first(EnumType type, boolean first) {
        List<EnumType.Value> values = type.values();
        if (values.isEmpty()) {
            throw new io.pgserve.server.PgException("55000", "enum " + type.name() + " contains no values");
        }
        return values.get(first ? 0 : values.size() - 1);
    }

    @Override
    public void encodeText(Object value, ByteBuf out, CodecContext ctx) {
        ByteBufUtil.writeUtf8(out, value instanceof EnumType.Value v ? v.label() : type.parse(value.toString())
                .label());
    }

    @Override
    public void encodeBinary(Object value, ByteBuf out, CodecContext ctx) {
        encodeText(value, out, ctx);
    }

    @Override
    public Object decodeText(ByteBuf in, CodecContext ctx) {
        return type.parse(readUtf8(in));
    }

    private static String readUtf8(ByteBuf in) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in.nioBuffer()).toString();
        } catch (CharacterCodingException e) {
            throw new io.pgserve.server.PgException("22021", "invalid byte sequence for encoding \"UTF8\"");
        } finally {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * enum_recv: the label's bytes. A label that is not the type's comes back as its String, for
     * {@link #checkParameters} to report as enum_recv does (22P02, which the server would turn into 22P03 for
     * binary input).
     */
    @Override
    public Object decodeBinary(ByteBuf in, CodecContext ctx) {
        String label = readUtf8(in);
        EnumType.Value v = type.value(label);
        return v != null ? v : label;
    }

    /**
     * Bind parameters of enum types (and arrays of them) as {@link EnumType.Value}s: 22P02 for a label the type does
     * not have. Other parameters, and lists without enum parameters, are returned as they are.
     */
    public static List<Object> checkParameters(List<PgType> types, List<Object> values, TypeRegistry registry) {
        if (values == null || types == null) {
            return values;
        }
        List<Object> out = values;
        for (int i = 0; i < values.size() && i < types.size(); i++) {
            PgType t = types.get(i);
            boolean array = t.isArray();
            if (t.category() != 'E' && !(array && t.elementOid() >= FIRST_USER_OID)) {
                continue; // a built-in type (or an array of one): nothing to look up
            }
            EnumType e = of(registry, array ? registry.byOid(t.elementOid()) : t);
            Object v = values.get(i);
            if (e == null || v == null) {
                continue;
            }
            Object checked = v;
            if (v instanceof String s) {
                checked = e.parse(s);
            } else if (v instanceof io.pgserve.server.types.PgArray a && a.elements().stream()
                    .anyMatch(x -> x instanceof String)) {
                List<Object> elements = new java.util.ArrayList<>();
                for (Object x : a.elements()) {
                    elements.add(x instanceof String s ? e.parse(s) : x);
                }
                checked = new io.pgserve.server.types.PgArray(a.elementOid(), a.dimensions(), a.lowerBounds(),
                        elements);
            }
            if (checked != v) {
                out = out == values ? new java.util.ArrayList<>(values) : out;
                out.set(i, checked);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "enum " + type;
    }
}
