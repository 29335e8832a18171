package io.pgserve.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NettyRuntime;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.server.internal.protocol.PgFrameDecoder;
import io.pgserve.server.internal.session.DirectSslDetector;
import io.pgserve.server.internal.session.PgConnection;
import io.pgserve.server.internal.session.ServerConfig;
import io.pgserve.server.internal.session.ServerRuntime;
import io.pgserve.server.types.TypeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that speaks PostgreSQL's protocol and runs statements with your {@link QueryHandler}.
 *
 * <pre>{@code
 * try (PgServer server = PgServer.builder()
 *         .port(0)                                   // any free port; read it with port()
 *         .handler(session -> query -> QueryResult.command("SELECT", 0))
 *         .build()
 *         .start()) {
 *     String url = server.jdbcUrl();                 // jdbc:postgresql://127.0.0.1:54321/postgres
 *     ...
 * }
 * }</pre>
 *
 * The server listens on TCP and, where the native transport is available (Linux), on a Unix-domain socket
 * {@code <dir>/.s.PGSQL.<port>} when {@link Builder#unixSocketDirectory} is set, so {@code psql -h <dir>} works.
 */
public final class PgServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgServer.class);

    private final Builder builder;
    private final ServerRuntime runtime;
    private final ExecutorService ownedExecutor;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel tcpChannel;
    private Channel unixChannel;
    private Path unixSocketPath;
    private volatile boolean closed;

    private PgServer(Builder b) {
        this.builder = b;
        ExecutorService owned = null;
        java.util.concurrent.Executor executor = b.executor;
        if (executor == null) {
            owned = defaultExecutor();
            executor = owned;
        }
        this.ownedExecutor = owned;
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("server_version", b.serverVersion);
        defaults.put("server_version_num", versionNum(b.serverVersion));
        defaults.put("server_encoding", "UTF8");
        defaults.put("client_encoding", "UTF8");
        defaults.put("DateStyle", "ISO, MDY");
        defaults.put("IntervalStyle", "postgres");
        defaults.put("TimeZone", b.timeZone);
        defaults.put("integer_datetimes", "on");
        defaults.put("standard_conforming_strings", "on");
        defaults.put("application_name", "");
        defaults.put("is_superuser", "on");
        defaults.put("session_authorization", "");
        defaults.put("default_transaction_read_only", "off");
        defaults.put("in_hot_standby", "off");
        defaults.put("search_path", "\"$user\", public");
        defaults.put("extra_float_digits", "1");
        defaults.put("statement_timeout", "0");
        defaults.put("lock_timeout", "0");
        defaults.put("idle_in_transaction_session_timeout", "0");
        defaults.put("idle_session_timeout", "0");
        defaults.put("client_min_messages", "notice");
        defaults.put("bytea_output", "hex");
        defaults.put("default_transaction_isolation", "read committed");
        defaults.put("transaction_isolation", "read committed");
        defaults.put("transaction_read_only", "off");
        defaults.put("default_transaction_deferrable", "off");
        defaults.put("transaction_deferrable", "off");
        defaults.put("max_identifier_length", "63");
        defaults.put("max_index_keys", "32");
        defaults.put("block_size", "8192");
        defaults.put("max_connections", Integer.toString(b.maxConnections));
        defaults.put("lc_collate", "C");
        defaults.put("lc_ctype", "C");
        defaults.put("lc_messages", "C");
        defaults.put("lc_monetary", "C");
        defaults.put("lc_numeric", "C");
        defaults.put("lc_time", "C");
        defaults.put("timezone_abbreviations", "Default");
        defaults.put("work_mem", "4MB");
        defaults.put("maintenance_work_mem", "64MB");
        defaults.put("synchronous_commit", "on");
        defaults.put("jit", "off");
        defaults.put("row_security", "on");
        defaults.put("role", "none");
        defaults.put("escape_string_warning", "on");
        defaults.put("array_nulls", "on");
        defaults.put("default_with_oids", "off");
        defaults.put("check_function_bodies", "on");
        defaults.put("default_tablespace", "");
        defaults.put("xmloption", "content");
        defaults.put("geqo", "on");
        defaults.put("enable_seqscan", "on");
        defaults.put("session_replication_role", "origin");
        defaults.put("log_statement", "none");
        defaults.put("track_io_timing", "off");
        defaults.put("password_encryption", "scram-sha-256");
        defaults.put("data_directory_mode", "0700");
        defaults.put("ssl", b.sslContext != null ? "on" : "off");
        defaults.put("plan_cache_mode", "auto");
        defaults.put("vacuum_cost_delay", "0");
        defaults.put("temp_buffers", "8MB");
        defaults.put("cursor_tuple_fraction", "0.1");
        defaults.putAll(b.parameters);
        this.runtime = new ServerRuntime(new ServerConfig(b.handlerFactory, b.authMethod, b.credentials,
                b.sslContext, b.requireTls, b.maxMessageSize, executor, Map.copyOf(defaults),
                b.types != null ? b.types : TypeRegistry.builtin(),
                new io.pgserve.server.internal.session.Limits(b.maxConnections, b.authenticationTimeout,
                        b.maxParameters, b.maxPreparedStatements, b.maxPortals, b.maxOutboundBytes,
                        b.outboundStallTimeout, b.authFailureLimit, b.authFailureWindow)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of network threads: the builder's, else Netty's {@code io.netty.eventLoopThreads} when set, else one
     * per core. The loops never block (blocking handlers run on worker threads), so a loop per core keeps every core
     * busy, and more loops than cores only add wake-ups and context switches per transaction: with Netty's default
     * (twice the cores) pgbench's prepared {@code SELECT 1} at 8 clients cost about 10% more server CPU.
     */
    static int ioThreads(int configured) {
        if (configured > 0) {
            return configured;
        }
        return Math.max(1, Integer.getInteger("io.netty.eventLoopThreads", NettyRuntime.availableProcessors()));
    }

    /** Binds the listening sockets. Returns this server, for chaining. */
    public PgServer start() {
        boolean epoll = Epoll.isAvailable() && !builder.forceNio;
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        bossGroup = new MultiThreadIoEventLoopGroup(1, daemonThreads("pgserve-accept"), io);
        workerGroup = new MultiThreadIoEventLoopGroup(ioThreads(builder.ioThreads), daemonThreads("pgserve-io"), io);
        try {
            tcpChannel = bootstrap(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .bind(new InetSocketAddress(builder.host, builder.port)).sync().channel();
            if (builder.unixSocketDirectory != null) {
                if (!epoll) {
                    throw new IllegalStateException("Unix-domain sockets need Netty's native epoll transport");
                }
                Path dir = builder.unixSocketDirectory;
                Files.createDirectories(dir);
                unixSocketPath = dir.resolve(".s.PGSQL." + port());
                Files.deleteIfExists(unixSocketPath);
                unixChannel = bootstrap(EpollServerDomainSocketChannel.class)
                        .bind(new DomainSocketAddress(unixSocketPath.toFile())).sync().channel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("pgserve listening on {}:{}{} ({} transport)", builder.host, port(),
                unixSocketPath == null ? "" : " and " + unixSocketPath, epoll ? "epoll" : "nio");
        return this;
    }

    private ServerBootstrap bootstrap(Class<? extends ServerChannel> channelClass) {
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (runtime.sslContext() != null && !(ch instanceof io.netty.channel.unix.DomainSocketChannel)) {
                            // First: a direct-TLS client's TLS handler goes right after it, before the trace.
                            ch.pipeline().addLast("detect-tls", new DirectSslDetector(runtime));
                        }
                        io.netty.channel.ChannelHandler trace =
                                builder.wireTrace == null ? null : builder.wireTrace.newHandler();
                        if (trace != null) {
                            ch.pipeline().addLast("wiretrace", trace); // TLS, when started, goes before it
                        }
                        ch.pipeline().addLast("frames", new PgFrameDecoder(builder.maxMessageSize));
                        ch.pipeline().addLast("session", new PgConnection(runtime));
                    }
                })
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024));
        if (!channelClass.getSimpleName().contains("Domain")) {
            b.childOption(ChannelOption.TCP_NODELAY, true).childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        return b;
    }

    /** The TCP port the server listens on (the one chosen when the builder said 0). */
    public int port() {
        return ((InetSocketAddress) tcpChannel.localAddress()).getPort();
    }

    /** The TCP address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) tcpChannel.localAddress();
    }

    /** The Unix-domain socket's path, or null when there is none. */
    public Path unixSocketPath() {
        return unixSocketPath;
    }

    /** A pgjdbc URL for this server and the given database. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + builder.host + ":" + port() + "/" + database;
    }

    /** A pgjdbc URL for this server and database {@code postgres}. */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /**
     * Reads the TLS certificate and key files again (after a renewal): connections from now on use them; open ones
     * keep theirs. Only for a server configured with {@link Builder#tls(File, File)}.
     */
    public void reloadTls() {
        if (builder.certificateFile == null) {
            throw new IllegalStateException("TLS was not configured from files");
        }
        runtime.sslContext(builder.sslContextFromFiles());
        log.info("TLS certificate reloaded from {}", builder.certificateFile);
    }

    /**
     * Sends a notification to every session listening on {@code channel}, as {@code NOTIFY channel, 'payload'}
     * would (from a data store's change feed, say). Any thread; idle sessions get it at once.
     */
    public void notify(String channel, String payload) {
        runtime.notify(0, channel, payload);
    }

    /** The live sessions, to push notices, notifications or parameter changes to any of them. */
    public List<SessionContext> sessions() {
        return List.copyOf(runtime.sessions());
    }

    /** The number of open sessions (connections past their startup packet or still starting). */
    public int sessionCount() {
        return runtime.sessions().size();
    }

    /**
     * Shuts down gracefully, within the {@linkplain Builder#shutdownTimeout shutdown timeout}: idle sessions are
     * told FATAL 57P01 and closed at once; running statements may finish (their session is then closed with 57P01);
     * clients connecting meanwhile are refused with FATAL 57P03, as PostgreSQL does while it shuts down. When every
     * session that was open has ended, or the timeout has passed, the listening sockets close, what still runs is
     * cancelled and its session closed with 57P01, and every thread is released.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + builder.shutdownTimeout.toNanos();
        runtime.beginShutdown();
        List<PgConnection> open = List.copyOf(runtime.sessions());
        for (PgConnection c : open) {
            c.shutdown();
        }
        awaitUntil(deadline, () -> open.stream().allMatch(PgConnection::hasEnded));
        if (tcpChannel != null) {
            tcpChannel.close().syncUninterruptibly();
        }
        if (unixChannel != null) {
            unixChannel.close().syncUninterruptibly();
        }
        if (unixSocketPath != null) {
            try {
                Files.deleteIfExists(unixSocketPath);
            } catch (IOException e) {
                log.debug("Could not delete {}", unixSocketPath, e);
            }
        }
        // Clients that connected during the shutdown were refused; wait for them to read it and go.
        awaitUntil(deadline, () -> runtime.sessions().isEmpty());
        List<io.netty.util.concurrent.Future<?>> forced = new java.util.ArrayList<>();
        for (PgConnection c : runtime.sessions()) {
            forced.add(c.forceClose());
        }
        for (io.netty.util.concurrent.Future<?> f : forced) {
            f.awaitUninterruptibly(2, TimeUnit.SECONDS); // the FATAL is written before the event loops stop
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        log.info("pgserve stopped");
    }

    private static void awaitUntil(long deadline, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Virtual threads when the JVM has them (21+), else a cached pool of daemon threads. */
    private static ExecutorService defaultExecutor() {
        try {
            Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(daemonThreads("pgserve-worker"));
        }
    }

    /** "16.6" → "160006", "15.18" → "150018", as server_version_num prints. */
    static String versionNum(String version) {
        String[] parts = version.split("[^0-9]+");
        int major = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 0;
        int minor = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
        return Integer.toString(major * 10000 + minor);
    }

    /** Configures a {@link PgServer}. Only {@link #handler} is required. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 5432;
        private Path unixSocketDirectory;
        private QueryHandlerFactory handlerFactory;
        private AuthMethod authMethod = AuthMethod.TRUST;
        private CredentialStore credentials;
        private SslContext sslContext;
        private File certificateFile;
        private File keyFile;
        private File clientCaFile;
        private boolean requireTls;
        private int maxMessageSize = 64 * 1024 * 1024;
        private java.util.concurrent.Executor executor;
        private String serverVersion = "16.6";
        private String timeZone = "UTC";
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private int ioThreads = 0;
        private TypeRegistry types;
        private boolean forceNio;
        private WireTrace wireTrace;
        private int maxConnections = 100;
        private Duration authenticationTimeout = Duration.ofSeconds(60);
        private int maxParameters = 65_535;
        private int maxPreparedStatements = 10_000;
        private int maxPortals = 10_000;
        private long maxOutboundBytes = 64L * 1024 * 1024;
        private Duration outboundStallTimeout = Duration.ofSeconds(60);
        private int authFailureLimit;
        private Duration authFailureWindow = Duration.ofMinutes(1);

        private Builder() {
        }

        /** The address to listen on; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The TCP port; 0 picks a free one (see {@link PgServer#port()}). Default 5432. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Also listen on {@code dir/.s.PGSQL.<port>} (Linux). */
        public Builder unixSocketDirectory(Path dir) {
            this.unixSocketDirectory = dir;
            return this;
        }

        /** Creates each session's handler. Required. */
        public Builder handler(QueryHandlerFactory factory) {
            this.handlerFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** How clients authenticate; default {@link AuthMethod#TRUST}. The store is required for other methods. */
        public Builder authentication(AuthMethod method, CredentialStore store) {
            this.authMethod = Objects.requireNonNull(method, "method");
            this.credentials = store;
            return this;
        }

        /**
         * TLS with a PEM certificate chain and PKCS#8 private key: TLS 1.2 and 1.3, the {@code postgresql} ALPN
         * protocol (for direct TLS), and {@link PgServer#reloadTls()} to pick up renewed files.
         */
        public Builder tls(File certificateChain, File privateKey) {
            this.certificateFile = Objects.requireNonNull(certificateChain, "certificateChain");
            this.keyFile = Objects.requireNonNull(privateKey, "privateKey");
            this.sslContext = null;
            return this;
        }

        /**
         * Asks clients for a certificate signed by one of these CAs (PEM), for {@link AuthMethod#CERT}. With
         * {@link #tls(File, File)}.
         */
        public Builder tlsClientCertificates(File trustedCas) {
            this.clientCaFile = Objects.requireNonNull(trustedCas, "trustedCas");
            return this;
        }

        SslContext sslContextFromFiles() {
            try {
                SslContextBuilder b = SslContextBuilder.forServer(certificateFile, keyFile)
                        .sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2")
                        .applicationProtocolConfig(new io.netty.handler.ssl.ApplicationProtocolConfig(
                                io.netty.handler.ssl.ApplicationProtocolConfig.Protocol.ALPN,
                                io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                DirectSslDetector.ALPN_PROTOCOL));
                if (clientCaFile != null) {
                    b.trustManager(clientCaFile).clientAuth(io.netty.handler.ssl.ClientAuth.OPTIONAL);
                }
                return b.build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * TLS with a ready server {@link SslContext}. Direct TLS clients need it to offer the {@code postgresql}
         * ALPN protocol.
         */
        public Builder tls(SslContext context) {
            this.sslContext = context;
            this.certificateFile = null;
            return this;
        }

        /** Refuse clients that do not use TLS (FATAL 28000), as a {@code hostssl} pg_hba line would. */
        public Builder requireTls(boolean require) {
            this.requireTls = require;
            return this;
        }

        /** The largest message a client may send (Query, Parse, Bind, CopyData), in bytes; default 64 MiB. */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageSize must be at least 1024");
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** Where handler calls run; default virtual threads (Java 21+) or a cached thread pool. */
        public Builder executor(java.util.concurrent.Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The server_version clients are told; default "16.6". */
        public Builder serverVersion(String version) {
            this.serverVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The default TimeZone parameter; default "UTC". */
        public Builder timeZone(String zone) {
            this.timeZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** A server-wide default for a run-time parameter (what SHOW prints before any SET). */
        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        /** How long {@link PgServer#close()} lets running statements finish; default 10 s. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The types the server knows (with user types and enums added); default {@link TypeRegistry#builtin()}. */
        public Builder types(TypeRegistry registry) {
            this.types = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Network threads; default 0 = one per core (or Netty's {@code io.netty.eventLoopThreads} system property
         * when set).
         */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** Use the NIO transport even where epoll is available (tests of the portable path). */
        public Builder forceNio(boolean nio) {
            this.forceNio = nio;
            return this;
        }

        /** Records every session's messages, both directions (see {@link WireTrace}); default none. */
        public Builder wireTrace(WireTrace trace) {
            this.wireTrace = trace;
            return this;
        }

        /**
         * The most sessions open at once, counting those still authenticating; default 100 (PostgreSQL's
         * max_connections). One more gets {@code FATAL 53300 sorry, too many clients already} after its startup
         * packet; CancelRequests are still honoured. Also what {@code SHOW max_connections} prints.
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * How long a client may take from connecting to being authenticated; default 60 s (PostgreSQL's
         * authentication_timeout). Past it the connection is closed without a message, as PostgreSQL does.
         * {@link Duration#ZERO} turns the timeout off.
         */
        public Builder authenticationTimeout(Duration timeout) {
            this.authenticationTimeout = nonNegative(timeout, "authenticationTimeout");
            return this;
        }

        /**
         * The most parameters one prepared statement (Parse, PREPARE) or Bind may have; default and maximum 65,535
         * (Bind's parameter count is an unsigned 16-bit number). More is 54000 program_limit_exceeded.
         */
        public Builder maxParameters(int parameters) {
            if (parameters < 0 || parameters > 65_535) {
                throw new IllegalArgumentException("maxParameters must be between 0 and 65535");
            }
            this.maxParameters = parameters;
            return this;
        }

        /**
         * The most prepared statements one session may hold (named and unnamed, Parse and PREPARE); default
         * 10,000. One more is 54000 program_limit_exceeded; PostgreSQL has no such limit.
         */
        public Builder maxPreparedStatements(int statements) {
            if (statements < 1) {
                throw new IllegalArgumentException("maxPreparedStatements must be at least 1");
            }
            this.maxPreparedStatements = statements;
            return this;
        }

        /**
         * The most portals (Bind) and SQL cursors (DECLARE) one session may hold at once; default 10,000. One more
         * is 54000 program_limit_exceeded; PostgreSQL has no such limit.
         */
        public Builder maxPortals(int portals) {
            if (portals < 1) {
                throw new IllegalArgumentException("maxPortals must be at least 1");
            }
            this.maxPortals = portals;
            return this;
        }

        /**
         * The most bytes a session may have waiting for a client that does not read (results, notifications,
         * notices); default 64 MiB. Past it the connection is closed at once. Results stream with backpressure and
         * stay far below it; what can pile up is asynchronous output such as notifications.
         */
        public Builder maxOutboundBytes(long bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("maxOutboundBytes must be at least 64 KiB");
            }
            this.maxOutboundBytes = bytes;
            return this;
        }

        /**
         * How long a client may leave the server with output it cannot send (the socket's buffers full) before it
         * is disconnected; default 60 s. While stalled the session stops reading the client's input.
         * {@link Duration#ZERO} waits for ever (PostgreSQL's behaviour).
         */
        public Builder outboundStallTimeout(Duration timeout) {
            this.outboundStallTimeout = nonNegative(timeout, "outboundStallTimeout");
            return this;
        }

        /**
         * Rate-limits password guessing: once {@code failures} authentications from one client address have
         * failed within {@code window}, further attempts from it are refused at once, before any password check,
         * with {@code FATAL 28000 too many failed authentication attempts}, until the window has passed. Default
         * off (PostgreSQL has no such limit). {@code failures} 0 turns it off.
         */
        public Builder authenticationRateLimit(int failures, Duration window) {
            if (failures < 0) {
                throw new IllegalArgumentException("failures must not be negative");
            }
            Objects.requireNonNull(window, "window");
            if (failures > 0 && (window.isNegative() || window.isZero())) {
                throw new IllegalArgumentException("window must be positive");
            }
            this.authFailureLimit = failures;
            this.authFailureWindow = window;
            return this;
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }

        public PgServer build() {
            if (handlerFactory == null) {
                throw new IllegalStateException("a handler factory is required: builder.handler(...)");
            }
            if (certificateFile != null) {
                sslContext = sslContextFromFiles();
            }
            if (authMethod != AuthMethod.TRUST && authMethod != AuthMethod.CERT && credentials == null) {
                throw new IllegalStateException(authMethod + " authentication needs a CredentialStore");
            }
            if (authMethod == AuthMethod.CERT && clientCaFile == null) {
                throw new IllegalStateException("CERT authentication needs tlsClientCertificates(...)");
            }
            if (requireTls && sslContext == null) {
                throw new IllegalStateException("requireTls needs a TLS configuration");
            }
            return new PgServer(this);
        }
    }
}
