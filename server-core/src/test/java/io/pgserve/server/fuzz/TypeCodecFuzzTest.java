package io.pgserve.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.types.Codec;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Arbitrary bytes into the text and binary decoders of every built-in type: a value or a PgException. */
class TypeCodecFuzzTest {
    private static final TypeRegistry TYPES = TypeRegistry.builtin();
    private static final List<PgType> ALL = sorted();
    private static final CodecContext[] CONTEXTS = {
        CodecContext.DEFAULT,
        CodecContext.of("Europe/Berlin", "German, DMY", "sql_standard", "0", "escape"),
        CodecContext.of("America/New_York", "SQL, MDY", "iso_8601", "3", "hex"),
        CodecContext.of("UTC", "Postgres, YMD", "postgres_verbose", "-15", "hex"),
    };

    private static List<PgType> sorted() {
        List<PgType> list = new ArrayList<>(TYPES.types());
        list.sort(Comparator.comparingInt(PgType::oid));
        return list;
    }

    @FuzzTest(maxDuration = "60s")
    void decode(FuzzedDataProvider data) {
        PgType type = ALL.get(data.consumeInt(0, ALL.size() - 1));
        Codec codec = TYPES.codec(type);
        boolean binary = data.consumeBoolean() && codec.supportsBinary();
        CodecContext ctx = CONTEXTS[data.consumeInt(0, CONTEXTS.length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            if (binary) {
                codec.decodeBinary(in, ctx);
            } else {
                codec.decodeText(in, ctx);
            }
        } catch (PgException expected) {
            // invalid input: 22P02, 22003, 22008...
        } finally {
            in.release();
        }
    }
}
