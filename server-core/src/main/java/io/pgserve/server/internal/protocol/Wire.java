package io.pgserve.server.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.pgserve.server.SqlState;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading and writing the protocol's primitive types. */
public final class Wire {
    private Wire() {
    }

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    /**
     * Reads a NUL-terminated UTF-8 string ("String" in the protocol docs).
     *
     * @throws ProtocolException 08P01 when there is no terminator, 22021 when the bytes are not valid UTF-8
     */
    public static String readCString(ByteBuf buf) {
        int start = buf.readerIndex();
        int end = buf.indexOf(start, buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new ProtocolException("invalid string in message");
        }
        String s = decodeUtf8(buf, start, end - start);
        buf.readerIndex(end + 1);
        return s;
    }

    /** Decodes {@code length} bytes at {@code index} as strict UTF-8 (22021 on invalid input). */
    public static String decodeUtf8(ByteBuf buf, int index, int length) {
        if (length == 0) {
            return "";
        }
        // Fast path for ASCII, which is most SQL text.
        boolean ascii = true;
        for (int i = index, e = index + length; i < e; i++) {
            if (buf.getByte(i) < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return buf.toString(index, length, StandardCharsets.US_ASCII);
        }
        ByteBuffer nio = buf.nioBufferCount() == 1 ? buf.nioBuffer(index, length)
                : ByteBuffer.wrap(ByteBufUtil.getBytes(buf, index, length));
        try {
            CharBuffer chars = UTF8.get().reset().decode(nio);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    invalidUtf8Message(buf, index, length));
        }
    }

    /** PostgreSQL's message: {@code invalid byte sequence for encoding "UTF8": 0xc3 0x28}. */
    private static String invalidUtf8Message(ByteBuf buf, int index, int length) {
        byte[] bytes = ByteBufUtil.getBytes(buf, index, length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int n = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 0;
            boolean ok = n > 0 && i + n <= bytes.length;
            for (int k = 1; ok && k < n; k++) {
                ok = (bytes[i + k] & 0xc0) == 0x80;
            }
            if (ok && n > 1) {
                // Overlong forms, surrogates and values past U+10FFFF are invalid too; let the JDK judge.
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, i, n));
                } catch (CharacterCodingException e) {
                    ok = false;
                }
            }
            if (!ok) {
                StringBuilder sb = new StringBuilder("invalid byte sequence for encoding \"UTF8\":");
                for (int k = i; k < Math.min(bytes.length, i + Math.max(n, 1)); k++) {
                    sb.append(String.format(" 0x%02x", bytes[k] & 0xff));
                }
                return sb.toString();
            }
            i += n;
        }
        return "invalid byte sequence for encoding \"UTF8\"";
    }

    /** Writes a NUL-terminated UTF-8 string. */
    public static void writeCString(ByteBuf buf, String s) {
        ByteBufUtil.writeUtf8(buf, s);
        buf.writeByte(0);
    }

    /** Reads an Int16 as an unsigned count (parameter and format counts are Int16 on the wire). */
    public static int readCount(ByteBuf buf) {
        return buf.readUnsignedShort();
    }

    /** Checks that {@code needed} bytes remain. */
    public static void require(ByteBuf buf, int needed) {
        if (needed < 0 || buf.readableBytes() < needed) {
            throw new ProtocolException("insufficient data left in message");
        }
    }
}
