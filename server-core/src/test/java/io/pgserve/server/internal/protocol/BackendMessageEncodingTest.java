package io.pgserve.server.internal.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pgserve.server.PgException;
import io.pgserve.server.TransactionStatus;
import io.pgserve.server.internal.protocol.backend.Authentication;
import io.pgserve.server.internal.protocol.backend.BackendKeyData;
import io.pgserve.server.internal.protocol.backend.BackendMessage;
import io.pgserve.server.internal.protocol.backend.CommandComplete;
import io.pgserve.server.internal.protocol.backend.ErrorOrNotice;
import io.pgserve.server.internal.protocol.backend.NegotiateProtocolVersion;
import io.pgserve.server.internal.protocol.backend.NotificationResponse;
import io.pgserve.server.internal.protocol.backend.ParameterDescription;
import io.pgserve.server.internal.protocol.backend.ParameterStatus;
import io.pgserve.server.internal.protocol.backend.ReadyForQuery;
import io.pgserve.server.internal.protocol.backend.RowDescription;
import io.pgserve.server.internal.protocol.backend.Simple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every backend message encodes to the exact bytes of PostgreSQL's protocol-message-formats. */
class BackendMessageEncodingTest {

    /**
     * Encodes {@code message} after some unrelated bytes already in the buffer (so the length patch must be relative
     * to the message) and compares with what {@code expected} writes.
     */
    private static void assertEncodes(BackendMessage message, Consumer<ByteBuf> expected) {
        ByteBuf actual = Unpooled.buffer();
        ByteBuf want = Unpooled.buffer();
        try {
            actual.writeBytes(new byte[] {9, 9, 9});
            message.encode(actual);
            actual.skipBytes(3);
            expected.accept(want);
            assertEquals(ByteBufUtil.prettyHexDump(want), ByteBufUtil.prettyHexDump(actual), message.toString());
            // the length field counts itself and the body, not the type byte
            assertEquals(actual.readableBytes() - 1, actual.getInt(actual.readerIndex() + 1), "length field");
        } finally {
            actual.release();
            want.release();
        }
    }

    /** Encoding twice into one buffer gives the bytes twice: encode() keeps no state. */
    private static void assertEncodesTwice(BackendMessage message) {
        ByteBuf once = Unpooled.buffer();
        ByteBuf twice = Unpooled.buffer();
        try {
            message.encode(once);
            message.encode(twice);
            message.encode(twice);
            assertEquals(2 * once.readableBytes(), twice.readableBytes());
            assertEquals(once, twice.slice(0, once.readableBytes()));
            assertEquals(once, twice.slice(once.readableBytes(), once.readableBytes()));
        } finally {
            once.release();
            twice.release();
        }
    }

    private static ByteBuf cstring(ByteBuf buf, String s) {
        return buf.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // --- authentication -------------------------------------------------------------------------------------------

    @Test
    void authenticationOk() {
        assertEncodes(Authentication.AUTHENTICATION_OK, b -> b.writeByte('R').writeInt(8).writeInt(0));
    }

    @Test
    void authenticationCleartextPassword() {
        assertEncodes(Authentication.CLEARTEXT, b -> b.writeByte('R').writeInt(8).writeInt(3));
    }

    @Test
    void authenticationMd5PasswordWithSalt() {
        byte[] salt = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
        assertEncodes(Authentication.md5(salt), b -> b.writeByte('R').writeInt(12).writeInt(5).writeBytes(salt));
    }

    @Test
    void authenticationSaslMechanismList() {
        assertEncodes(Authentication.sasl(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")), b -> {
            b.writeByte('R').writeInt(4 + 4 + 19 + 14 + 1).writeInt(10);
            cstring(b, "SCRAM-SHA-256-PLUS");
            cstring(b, "SCRAM-SHA-256");
            b.writeByte(0);
        });
    }

    @Test
    void authenticationSaslSingleMechanism() {
        assertEncodes(Authentication.sasl(List.of("SCRAM-SHA-256")), b -> {
            b.writeByte('R').writeInt(4 + 4 + 14 + 1).writeInt(10);
            cstring(b, "SCRAM-SHA-256").writeByte(0);
        });
    }

    @Test
    void authenticationSaslContinue() {
        byte[] data = ascii("r=abc,s=QSXCR+Q6sek8bf92,i=4096");
        assertEncodes(Authentication.saslContinue(data),
                b -> b.writeByte('R').writeInt(8 + data.length).writeInt(11).writeBytes(data));
    }

    @Test
    void authenticationSaslFinal() {
        byte[] data = ascii("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertEncodes(Authentication.saslFinal(data),
                b -> b.writeByte('R').writeInt(8 + data.length).writeInt(12).writeBytes(data));
    }

    // --- startup --------------------------------------------------------------------------------------------------

    @Test
    void backendKeyData() {
        byte[] key = {1, 2, 3, 4};
        assertEncodes(new BackendKeyData(0x01020304, key),
                b -> b.writeByte('K').writeInt(12).writeInt(0x01020304).writeBytes(key));
    }

    @Test
    void parameterStatus() {
        assertEncodes(new ParameterStatus("client_encoding", "UTF8"), b -> {
            b.writeByte('S').writeInt(4 + 16 + 5);
            cstring(b, "client_encoding");
            cstring(b, "UTF8");
        });
    }

    @Test
    void parameterStatusWithEmptyAndNonAsciiValues() {
        assertEncodes(new ParameterStatus("application_name", ""), b -> {
            b.writeByte('S').writeInt(4 + 17 + 1);
            cstring(b, "application_name").writeByte(0);
        });
        assertEncodes(new ParameterStatus("application_name", "ü"), b -> {
            b.writeByte('S').writeInt(4 + 17 + 3);
            cstring(b, "application_name").writeBytes(new byte[] {(byte) 0xc3, (byte) 0xbc, 0});
        });
    }

    @Test
    void negotiateProtocolVersion() {
        assertEncodes(new NegotiateProtocolVersion(0, List.of("_pq_.foo", "_pq_.bar")), b -> {
            b.writeByte('v').writeInt(4 + 4 + 4 + 9 + 9).writeInt(0x00030000).writeInt(2);
            cstring(b, "_pq_.foo");
            cstring(b, "_pq_.bar");
        });
    }

    @Test
    void negotiateProtocolVersionWithoutOptions() {
        assertEncodes(new NegotiateProtocolVersion(0, List.of()),
                b -> b.writeByte('v').writeInt(12).writeInt(0x00030000).writeInt(0));
    }

    // --- query cycle ----------------------------------------------------------------------------------------------

    @Test
    void readyForQuery() {
        assertEncodes(new ReadyForQuery(TransactionStatus.IDLE), b -> b.writeByte('Z').writeInt(5).writeByte('I'));
        assertEncodes(new ReadyForQuery(TransactionStatus.IN_TRANSACTION),
                b -> b.writeByte('Z').writeInt(5).writeByte('T'));
        assertEncodes(new ReadyForQuery(TransactionStatus.FAILED), b -> b.writeByte('Z').writeInt(5).writeByte('E'));
    }

    @Test
    void commandComplete() {
        assertEncodes(new CommandComplete("INSERT 0 1"), b -> cstring(b.writeByte('C').writeInt(4 + 11), "INSERT 0 1"));
        assertEncodes(new CommandComplete("SELECT 3"), b -> cstring(b.writeByte('C').writeInt(4 + 9), "SELECT 3"));
    }

    @ParameterizedTest
    @EnumSource(Simple.class)
    void simpleMessages(Simple message) {
        char type = switch (message) {
            case EMPTY_QUERY_RESPONSE -> 'I';
            case PARSE_COMPLETE -> '1';
            case BIND_COMPLETE -> '2';
            case CLOSE_COMPLETE -> '3';
            case NO_DATA -> 'n';
            case PORTAL_SUSPENDED -> 's';
            case COPY_DONE -> 'c';
        };
        assertEncodes(message, b -> b.writeByte(type).writeInt(4));
        assertEncodesTwice(message);
    }

    @Test
    void rowDescription() {
        RowDescription rd = new RowDescription(List.of(
                new RowDescription.Field("id", 16384, (short) 1, 23, (short) 4, -1, (short) 0),
                new RowDescription.Field("name", 0, (short) 0, 1043, (short) -1, 36, (short) 1)));
        assertEncodes(rd, b -> {
            b.writeByte('T').writeInt(4 + 2 + (3 + 18) + (5 + 18)).writeShort(2);
            cstring(b, "id").writeInt(16384).writeShort(1).writeInt(23).writeShort(4).writeInt(-1).writeShort(0);
            cstring(b, "name").writeInt(0).writeShort(0).writeInt(1043).writeShort(-1).writeInt(36).writeShort(1);
        });
        assertEncodesTwice(rd);
    }

    @Test
    void rowDescriptionWithoutColumns() {
        assertEncodes(new RowDescription(List.of()), b -> b.writeByte('T').writeInt(6).writeShort(0));
    }

    @Test
    void parameterDescription() {
        assertEncodes(new ParameterDescription(List.of(23, 25, 0)),
                b -> b.writeByte('t').writeInt(4 + 2 + 12).writeShort(3).writeInt(23).writeInt(25).writeInt(0));
        assertEncodes(new ParameterDescription(List.of()), b -> b.writeByte('t').writeInt(6).writeShort(0));
    }

    @Test
    void notificationResponse() {
        assertEncodes(new NotificationResponse(1234, "jobs", "{\"id\":1}"), b -> {
            b.writeByte('A').writeInt(4 + 4 + 5 + 9).writeInt(1234);
            cstring(b, "jobs");
            cstring(b, "{\"id\":1}");
        });
        assertEncodes(new NotificationResponse(7, "c", ""), b -> {
            b.writeByte('A').writeInt(4 + 4 + 2 + 1).writeInt(7);
            cstring(b, "c").writeByte(0);
        });
    }

    // --- errors and notices ---------------------------------------------------------------------------------------

    @Test
    void errorResponseWithMandatoryFieldsOnly() {
        PgException e = new PgException("42P01", "relation \"t\" does not exist");
        assertEncodes(ErrorOrNotice.error(e), b -> {
            ByteBuf body = Unpooled.buffer();
            cstring(body.writeByte('S'), "ERROR");
            cstring(body.writeByte('V'), "ERROR");
            cstring(body.writeByte('C'), "42P01");
            cstring(body.writeByte('M'), "relation \"t\" does not exist");
            body.writeByte(0);
            b.writeByte('E').writeInt(4 + body.readableBytes()).writeBytes(body);
            body.release();
        });
    }

    @Test
    void errorResponseWithOptionalFields() {
        PgException e = PgException.builder("42601", "syntax error at or near \"FRM\"")
                .severity(PgException.Severity.FATAL)
                .detail("the detail")
                .hint("the hint")
                .position(10)
                .build();
        assertEncodes(ErrorOrNotice.error(e), b -> {
            ByteBuf body = Unpooled.buffer();
            cstring(body.writeByte('S'), "FATAL");
            cstring(body.writeByte('V'), "FATAL");
            cstring(body.writeByte('C'), "42601");
            cstring(body.writeByte('M'), "syntax error at or near \"FRM\"");
            cstring(body.writeByte('D'), "the detail");
            cstring(body.writeByte('H'), "the hint");
            cstring(body.writeByte('P'), "10");
            body.writeByte(0);
            b.writeByte('E').writeInt(4 + body.readableBytes()).writeBytes(body);
            body.release();
        });
    }

    @Test
    void errorResponseWithWhereAndObjectNames() {
        PgException e = PgException.builder("23505", "duplicate key value violates unique constraint \"t_pkey\"")
                .where("SQL function \"f\"")
                .schemaName("public")
                .tableName("t")
                .columnName("id")
                .constraintName("t_pkey")
                .build();
        assertEncodes(ErrorOrNotice.error(e), b -> {
            ByteBuf body = Unpooled.buffer();
            cstring(body.writeByte('S'), "ERROR");
            cstring(body.writeByte('V'), "ERROR");
            cstring(body.writeByte('C'), "23505");
            cstring(body.writeByte('M'), "duplicate key value violates unique constraint \"t_pkey\"");
            cstring(body.writeByte('W'), "SQL function \"f\"");
            cstring(body.writeByte('s'), "public");
            cstring(body.writeByte('t'), "t");
            cstring(body.writeByte('c'), "id");
            cstring(body.writeByte('n'), "t_pkey");
            body.writeByte(0);
            b.writeByte('E').writeInt(4 + body.readableBytes()).writeBytes(body);
            body.release();
        });
    }

    @Test
    void noticeResponse() {
        PgException n = PgException.builder("01000", "there is no transaction in progress")
                .severity(PgException.Severity.WARNING)
                .build();
        assertEncodes(ErrorOrNotice.notice(n), b -> {
            ByteBuf body = Unpooled.buffer();
            cstring(body.writeByte('S'), "WARNING");
            cstring(body.writeByte('V'), "WARNING");
            cstring(body.writeByte('C'), "01000");
            cstring(body.writeByte('M'), "there is no transaction in progress");
            body.writeByte(0);
            b.writeByte('N').writeInt(4 + body.readableBytes()).writeBytes(body);
            body.release();
        });
    }

    @Test
    void noticeResponseWithHint() {
        PgException n = PgException.builder("00000", "table \"x\" does not exist, skipping")
                .severity(PgException.Severity.NOTICE)
                .hint("h")
                .build();
        assertEncodes(ErrorOrNotice.notice(n), b -> {
            ByteBuf body = Unpooled.buffer();
            cstring(body.writeByte('S'), "NOTICE");
            cstring(body.writeByte('V'), "NOTICE");
            cstring(body.writeByte('C'), "00000");
            cstring(body.writeByte('M'), "table \"x\" does not exist, skipping");
            cstring(body.writeByte('H'), "h");
            body.writeByte(0);
            b.writeByte('N').writeInt(4 + body.readableBytes()).writeBytes(body);
            body.release();
        });
    }

    @Test
    void errorWithNonAsciiMessageCountsBytesNotChars() {
        PgException e = new PgException("22P02", "ungültige Eingabe für Typ integer: »x«");
        ByteBuf buf = Unpooled.buffer();
        try {
            ErrorOrNotice.error(e).encode(buf);
            assertEquals(buf.readableBytes() - 1, buf.getInt(1));
            String all = buf.toString(StandardCharsets.UTF_8);
            assertEquals(true, all.contains("ungültige Eingabe für Typ integer: »x«"));
        } finally {
            buf.release();
        }
    }
}
