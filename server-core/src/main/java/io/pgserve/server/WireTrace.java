package io.pgserve.server;

import io.netty.channel.ChannelHandler;
import io.pgserve.server.internal.trace.TraceSettings;
import io.pgserve.server.internal.trace.WireTraceHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Records every protocol message of a server's sessions, both directions, one readable line per message — to see
 * what a client really sends, and to keep it as a regression test with {@link io.pgserve.server.testing.WireReplay}.
 *
 * <pre>{@code
 * PgServer.builder()
 *         .handler(...)
 *         .wireTrace(WireTrace.toFile(Path.of("psql.wire.log"))
 *                 .sessions(s -> "psql".equals(s.applicationName())))
 *         .build().start();
 * }</pre>
 *
 * <h2>Format</h2>
 * The notation of the client traces recorded with {@code pgsniff.py} in front of PostgreSQL: a connection id,
 * optionally the time since the connection opened, {@code F>} (client to server) or {@code B<} (server to client),
 * and the message:
 * <pre>
 * 1 ---- connect 14:02:11.250 /127.0.0.1:53412
 * 1 +0.210ms F> Startup protocol=3.0 {'user': 'app', 'database': 'shop', 'application_name': 'psql'}
 * 1 +0.530ms B< Auth code=0
 * 1 +0.600ms B< ParameterStatus server_version=16.6
 * 1 +2.112ms F> Parse stmt='' paramoids=[23] sql=select name from t where id = $1
 * 1 +2.150ms F> Bind portal='' stmt='' paramfmts=[1] params=['0x0000002a'] resultfmts=[0]
 * 1 +2.906ms B< RowDescription name:25
 * 1 +2.910ms B<   (3 DataRow)
 * 1 +2.913ms B< CommandComplete SELECT 3
 * 1 +9.000ms ---- closed
 * </pre>
 * Values in the lines are written as Python literals ({@code 'text'}, {@code None}, {@code b'bytes'}); SQL is written
 * as it came, so a statement of several lines takes several lines (the next entry starts with an id and a direction).
 * Text-format Bind parameters appear as strings, binary ones as {@code '0x...'}. Password and SASL messages are
 * recorded by size only. The lines are complete enough to replay a session, apart from those.
 *
 * <h2>Cost</h2>
 * A server without a trace has no tracing code in its pipeline. With one, each connection gets a handler that copies
 * the bodies it prints (not DataRow bodies, unless {@link #fullDataRows}); lines are produced and written on the
 * connection's network thread, so a slow sink slows the server: this is a diagnostic tool. A session the
 * {@link #sessions} filter rejects loses its handler at the startup packet.
 *
 * <p>Configure a trace before passing it to {@link PgServer.Builder#wireTrace}. One trace may serve several
 * servers; connection ids are unique per trace. {@link #close()} closes a file opened by {@link #toFile}.
 */
public final class WireTrace implements AutoCloseable {
    /** The logger {@link #toLog()} writes to. */
    public static final String LOGGER_NAME = "io.pgserve.wire";

    private final Consumer<String> sink;
    private final Closeable resource;
    private final Logger logger;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Predicate<Session> sessions;
    private volatile boolean timings = true;
    private volatile boolean fullDataRows;
    private volatile int maxMessageBytes = 1 << 20;

    private WireTrace(Consumer<String> sink, Closeable resource, Logger logger) {
        this.sink = sink;
        this.resource = resource;
        this.logger = logger;
    }

    /** Appends lines to a file (created if missing), flushed after each message. */
    public static WireTrace toFile(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new WireTrace(line -> {
                try {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands each entry (one message; several lines for multi-line SQL; no trailing newline) to a consumer. */
    public static WireTrace to(Consumer<String> entries) {
        return new WireTrace(Objects.requireNonNull(entries, "entries"), null, null);
    }

    /** Appends each entry and a newline; flushed when the appendable is {@link Flushable}. */
    public static WireTrace to(Appendable out) {
        Objects.requireNonNull(out, "out");
        return new WireTrace(line -> {
            try {
                out.append(line).append('\n');
                if (out instanceof Flushable f) {
                    f.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, null, null);
    }

    /**
     * Logs each entry at DEBUG to the logger {@value #LOGGER_NAME}. A connection accepted while that level is off
     * gets no handler at all.
     */
    public static WireTrace toLog() {
        return toLog(LoggerFactory.getLogger(LOGGER_NAME));
    }

    /** Logs each entry at DEBUG to {@code logger}; connections accepted while DEBUG is off are not traced. */
    public static WireTrace toLog(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return new WireTrace(line -> logger.debug("{}", line), null, logger);
    }

    /**
     * Traces only the sessions {@code filter} accepts, judged on the startup packet (user, database,
     * application_name, options...). Lines before it (SSLRequest and its answer) are held until then; a connection
     * that sends no startup packet is not traced, and a CancelRequest's connection is offered with
     * {@link Session#cancelRequest()} set. Default: every session.
     */
    public WireTrace sessions(Predicate<Session> filter) {
        this.sessions = filter;
        return this;
    }

    /** Whether lines carry {@code +1.234ms}, the time since the connection opened. Default true. */
    public WireTrace timings(boolean on) {
        this.timings = on;
        return this;
    }

    /** DataRow messages one line each, with their values, instead of {@code (N DataRow)} runs. Default false. */
    public WireTrace fullDataRows(boolean on) {
        this.fullDataRows = on;
        return this;
    }

    /** Messages with a larger body are summarised by type and size (and cannot be replayed). Default 1 MiB. */
    public WireTrace maxMessageBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        this.maxMessageBytes = bytes;
        return this;
    }

    /** Closes the file of {@link #toFile}; nothing otherwise. */
    @Override
    public void close() {
        if (resource != null) {
            synchronized (this) {
                try {
                    resource.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A new connection's handler, or null when nothing would be written (logging at DEBUG is off). */
    ChannelHandler newHandler() {
        if (logger != null && !logger.isDebugEnabled()) {
            return null;
        }
        Predicate<Session> filter = sessions;
        TraceSettings.SessionFilter f = filter == null ? null
                : (remote, parameters, cancel) -> filter.test(new Session(remote, parameters, cancel));
        return new WireTraceHandler(new TraceSettings(this::write, f, timings, fullDataRows, maxMessageBytes,
                ids::incrementAndGet));
    }

    private void write(String entry) {
        synchronized (this) {
            sink.accept(entry);
        }
    }

    /**
     * A connection as the session filter sees it.
     *
     * @param remoteAddress the client's address (null when unknown)
     * @param parameters    the startup packet's parameters, in the order sent (empty for a CancelRequest)
     * @param cancelRequest whether the connection carries a CancelRequest rather than a session
     */
    public record Session(SocketAddress remoteAddress, Map<String, String> parameters, boolean cancelRequest) {
        public Session {
            parameters = Map.copyOf(parameters);
        }

        public String user() {
            return parameters.get("user");
        }

        /** The database, which defaults to the user name as in PostgreSQL. */
        public String database() {
            String db = parameters.get("database");
            return db == null || db.isEmpty() ? user() : db;
        }

        public String applicationName() {
            return parameters.get("application_name");
        }
    }
}
