package io.pgserve.server.types;

import io.pgserve.server.internal.types.ArrayCodec;
import io.pgserve.server.internal.types.BuiltinCodecs;
import io.pgserve.server.internal.types.EnumCodec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The types a server knows, with their codecs: the single source that result encoding, parameter decoding,
 * ParameterDescription/RowDescription and the pg_catalog emulation read from.
 *
 * <pre>{@code
 * TypeRegistry types = TypeRegistry.builtin();
 * PgType mood = types.registerEnum("mood", List.of("sad", "ok", "happy"));
 * PgServer.builder().types(types)...
 * }</pre>
 *
 * Registering a type with an array OID registers its array type too. Thread-safe.
 */
public final class TypeRegistry {
    /** User types get OIDs from here up, far above PostgreSQL's own (which stay below 16384). */
    private static final int FIRST_USER_OID = 100_000;

    private final Map<Integer, PgType> byOid = new ConcurrentHashMap<>();
    private final Map<String, PgType> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Codec> codecs = new ConcurrentHashMap<>();
    private final Map<Integer, List<String>> enumLabels = new ConcurrentHashMap<>();
    /** Types registered by OID only ({@link #registerByOid}): not found by name, not listed by {@link #types()}. */
    private final java.util.Set<Integer> oidOnly = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextOid = new AtomicInteger(FIRST_USER_OID);

    private TypeRegistry() {
    }

    /** A registry with every built-in type and its codec. */
    public static TypeRegistry builtin() {
        TypeRegistry r = new TypeRegistry();
        BuiltinCodecs.registerAll(r);
        return r;
    }

    /** A registry with no types (for tests and for servers that want full control). */
    public static TypeRegistry empty() {
        return new TypeRegistry();
    }

    /** Registers {@code type} with {@code codec}, and its array type (if it has one) with the array codec. */
    public synchronized void register(PgType type, Codec codec) {
        byOid.put(type.oid(), type);
        byName.put(type.name(), type);
        codecs.put(type.oid(), codec);
        if (type.arrayOid() != 0) {
            PgType array = PgType.arrayOf(type);
            byOid.put(array.oid(), array);
            byName.put(array.name(), array);
            codecs.put(array.oid(), new ArrayCodec(type, codec));
        }
    }

    /**
     * Registers a type that a handler's own catalog names and lists (such as an enum type a SQL engine created with
     * CREATE TYPE), and its array type if it has one: the server finds it by OID, to encode results, decode
     * parameters and accept its OID in Parse, but {@link #byName} and {@link #types()} leave it to the handler.
     * Registering an OID again replaces its codec.
     *
     * <pre>{@code
     * types.registerByOid(new PgType(16390, "mood", 4, 'E', 16389, 0), moodCodec);
     * }</pre>
     */
    public synchronized void registerByOid(PgType type, Codec codec) {
        byOid.put(type.oid(), type);
        codecs.put(type.oid(), codec);
        oidOnly.add(type.oid());
        if (type.arrayOid() != 0) {
            PgType array = PgType.arrayOf(type);
            byOid.put(array.oid(), array);
            codecs.put(array.oid(), new ArrayCodec(type, codec));
            oidOnly.add(array.oid());
        }
    }

    /** Creates an enum type with fresh OIDs (and its array type); values are Strings, one of the labels. */
    public synchronized PgType registerEnum(String name, List<String> labels) {
        int oid = nextOid.getAndAdd(2);
        PgType type = new PgType(oid, name, 4, 'E', oid + 1, 0);
        List<String> copy = List.copyOf(labels);
        enumLabels.put(oid, copy);
        register(type, new EnumCodec(name, copy));
        return type;
    }

    /** A fresh OID for a user type (and the next one for its array type). */
    public int allocateOid() {
        return nextOid.getAndAdd(2);
    }

    /** The type with this OID, or null. */
    public PgType byOid(int oid) {
        return byOid.get(oid);
    }

    /**
     * A type by any name PostgreSQL accepts for it: {@code int4}, {@code integer}, {@code character varying},
     * {@code timestamp with time zone}, {@code _int4} or {@code integer[]}, optionally {@code pg_catalog.}-qualified
     * and with a type modifier ({@code varchar(20)}, {@code numeric(10,2)}) that is ignored here.
     */
    public Optional<PgType> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        int dims = 0;
        while (n.endsWith("[]")) {
            dims++;
            n = n.substring(0, n.length() - 2).trim();
        }
        n = n.replaceAll("\\s*\\([^)]*\\)", "").trim();
        String canonical;
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() > 1) {
            canonical = n.substring(1, n.length() - 1); // a quoted name is the type's own name: "char" is char
        } else {
            canonical = ALIASES.getOrDefault(n, n);
        }
        PgType t = byName.get(canonical);
        if (t == null) {
            return Optional.empty();
        }
        if (dims > 0) {
            return t.arrayOid() == 0 ? Optional.empty() : Optional.ofNullable(byOid.get(t.arrayOid()));
        }
        return Optional.of(t);
    }

    /** The codec of a type, or null for an unknown OID. */
    public Codec codec(int oid) {
        return codecs.get(oid);
    }

    public Codec codec(PgType type) {
        return codecs.get(type.oid());
    }

    /** The array type of {@code element} (registered with it). */
    public PgType arrayOf(PgType element) {
        PgType t = byOid.get(element.arrayOid());
        if (t == null) {
            throw new IllegalArgumentException(element + " has no array type");
        }
        return t;
    }

    /** The labels of an enum type, in order; empty for other types. */
    public List<String> enumLabels(PgType type) {
        return enumLabels.getOrDefault(type.oid(), List.of());
    }

    /** Every registered type, except those {@linkplain #registerByOid registered by OID only}. */
    public Collection<PgType> types() {
        List<PgType> all = new ArrayList<>(byOid.values());
        all.removeIf(t -> oidOnly.contains(t.oid()));
        all.sort((a, b) -> Integer.compare(a.oid(), b.oid()));
        return Collections.unmodifiableList(all);
    }

    /** SQL-standard and alternative spellings PostgreSQL's grammar maps to the internal names. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("integer", "int4"), Map.entry("int", "int4"), Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"), Map.entry("real", "float4"), Map.entry("double precision", "float8"),
            Map.entry("float", "float8"), Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("char varying", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("nchar", "bpchar"),
            Map.entry("national character", "bpchar"), Map.entry("character varying", "varchar"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"), Map.entry("serial", "int4"), Map.entry("bigserial", "int8"),
            Map.entry("smallserial", "int2"), Map.entry("int2", "int2"), Map.entry("int8", "int8"));
}
