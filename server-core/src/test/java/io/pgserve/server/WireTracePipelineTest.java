package io.pgserve.server;

import ch.qos.logback.classic.Level;
import io.netty.channel.ChannelHandlerContext;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.pgserve.server.internal.session.PgConnection;
import io.pgserve.server.internal.session.ServerRuntime;
import io.pgserve.server.internal.trace.WireTraceHandler;
import io.pgserve.server.types.PgType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the trace handler sits in a real server's pipeline, and that it is absent when tracing is off. */
class WireTracePipelineTest {
    private static final QueryHandlerFactory SELECT_ONE = session -> query -> QueryResult.rows(
            List.of(Column.of("?column?", PgType.INT4)), List.<Object[]>of(new Object[] {1}));

    /** The handler names of the one open session's pipeline, read while the client is connected. */
    private static List<String> pipelineWhileConnected(PgServer server, Properties props) throws Exception {
        props.setProperty("user", "alice");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), props);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
            Field runtimeField = PgServer.class.getDeclaredField("runtime");
            runtimeField.setAccessible(true);
            ServerRuntime runtime = (ServerRuntime) runtimeField.get(server);
            PgConnection session = runtime.sessions().iterator().next();
            Field ctxField = PgConnection.class.getDeclaredField("ctx");
            ctxField.setAccessible(true);
            ChannelHandlerContext ctx = (ChannelHandlerContext) ctxField.get(session);
            return ctx.pipeline().names().stream().filter(n -> !n.startsWith("DefaultChannelPipeline")).toList();
        }
    }

    @Test
    void tracingOffAddsNoHandler() throws Exception {
        try (PgServer server = PgServer.builder().port(0).handler(SELECT_ONE).build().start()) {
            Properties props = new Properties();
            props.setProperty("sslmode", "disable");
            assertEquals(List.of("frames", "session"), pipelineWhileConnected(server, props));
        }
    }

    @Test
    void tracingOnPutsTheHandlerFirst() throws Exception {
        StringBuilder out = new StringBuilder();
        try (PgServer server = PgServer.builder().port(0).handler(SELECT_ONE).wireTrace(WireTrace.to(out))
                .build().start()) {
            Properties props = new Properties();
            props.setProperty("sslmode", "disable");
            assertEquals(List.of("wiretrace", "frames", "session"), pipelineWhileConnected(server, props));
        }
        assertTrue(out.toString().contains(" F> Query select 1\n") || out.toString().contains("sql=select 1\n"), out::toString);
    }

    @Test
    void withTlsTheHandlerSeesPlaintextBehindTheSslHandler(@TempDir Path dir) throws Exception {
        X509Bundle bundle = new CertificateBuilder().subject("CN=localhost").setIsCertificateAuthority(true)
                .addSanIpAddress("127.0.0.1").notBefore(Instant.now().minus(1, ChronoUnit.DAYS))
                .notAfter(Instant.now().plus(1, ChronoUnit.DAYS)).rsa2048().buildSelfSigned();
        Path cert = Files.writeString(dir.resolve("server.crt"), bundle.getCertificatePEM());
        Path key = Files.writeString(dir.resolve("server.key"), bundle.getPrivateKeyPEM());
        StringBuilder out = new StringBuilder();
        try (PgServer server = PgServer.builder().port(0).handler(SELECT_ONE).tls(cert.toFile(), key.toFile())
                .wireTrace(WireTrace.to(out).timings(false)).build().start()) {
            Properties props = new Properties();
            props.setProperty("sslmode", "require");
            props.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            assertEquals(List.of("tls", "wiretrace", "frames", "session"), pipelineWhileConnected(server, props));
        }
        String text = out.toString();
        assertTrue(text.contains("1 F> SSLRequest\n1 B< SSL/GSS reply b'S'\n1 F> Startup protocol=3.0 {'user': 'alice'"),
                text);
        assertTrue(text.contains("1 B< ParameterStatus ssl=") || text.contains("1 B< ReadyForQuery I\n"), text);
        assertTrue(text.contains("1 ---- closed"), text);
    }

    @Test
    void aLogTraceWhileDebugIsOffAddsNoHandler() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(WireTrace.LOGGER_NAME);
        Level before = logger.getLevel();
        try {
            logger.setLevel(Level.INFO);
            assertNull(WireTrace.toLog().newHandler());
            logger.setLevel(Level.DEBUG);
            assertNotNull(WireTrace.toLog().newHandler());
            assertTrue(WireTrace.toLog().newHandler() instanceof WireTraceHandler);
        } finally {
            logger.setLevel(before);
        }
    }
}
