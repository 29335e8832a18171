package io.pgserve.server.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.pgserve.server.Cancellation;
import io.pgserve.server.Column;
import io.pgserve.server.CopyInSink;
import io.pgserve.server.Description;
import io.pgserve.server.PgException;
import io.pgserve.server.Query;
import io.pgserve.server.QueryHandler;
import io.pgserve.server.QueryResult;
import io.pgserve.server.SessionContext;
import io.pgserve.server.SqlState;
import io.pgserve.server.TransactionMode;
import io.pgserve.server.TransactionStatus;
import io.pgserve.server.internal.protocol.ProtocolException;
import io.pgserve.server.internal.protocol.backend.Authentication;
import io.pgserve.server.internal.protocol.backend.BackendKeyData;
import io.pgserve.server.internal.protocol.backend.BackendMessage;
import io.pgserve.server.internal.protocol.backend.CommandComplete;
import io.pgserve.server.internal.protocol.backend.CopyResponse;
import io.pgserve.server.internal.protocol.backend.ErrorOrNotice;
import io.pgserve.server.internal.protocol.backend.NegotiateProtocolVersion;
import io.pgserve.server.internal.protocol.backend.NotificationResponse;
import io.pgserve.server.internal.protocol.backend.ParameterStatus;
import io.pgserve.server.internal.protocol.backend.ReadyForQuery;
import io.pgserve.server.internal.protocol.backend.RowDescription;
import io.pgserve.server.internal.protocol.backend.Simple;
import io.pgserve.server.internal.protocol.frontend.Bind;
import io.pgserve.server.internal.protocol.frontend.CancelRequest;
import io.pgserve.server.internal.protocol.frontend.Close;
import io.pgserve.server.internal.protocol.frontend.CopyData;
import io.pgserve.server.internal.protocol.frontend.CopyDone;
import io.pgserve.server.internal.protocol.frontend.CopyFail;
import io.pgserve.server.internal.protocol.frontend.DecodeFailure;
import io.pgserve.server.internal.protocol.frontend.Describe;
import io.pgserve.server.internal.protocol.frontend.Execute;
import io.pgserve.server.internal.protocol.frontend.Flush;
import io.pgserve.server.internal.protocol.frontend.FrontendMessage;
import io.pgserve.server.internal.protocol.frontend.FunctionCall;
import io.pgserve.server.internal.protocol.frontend.GssEncRequest;
import io.pgserve.server.internal.protocol.frontend.Parse;
import io.pgserve.server.internal.protocol.frontend.PasswordMessage;
import io.pgserve.server.internal.protocol.frontend.SslRequest;
import io.pgserve.server.internal.protocol.frontend.StartupMessage;
import io.pgserve.server.internal.protocol.frontend.Sync;
import io.pgserve.server.internal.protocol.frontend.Terminate;
import io.pgserve.server.types.CodecContext;
import io.pgserve.server.types.PgType;
import io.pgserve.server.types.TypeRegistry;
import io.pgserve.sql.RawStatement;
import io.pgserve.sql.SqlParseException;
import io.pgserve.sql.StatementKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One client connection: the protocol state machine and the session it carries.
 *
 * <pre>
 *  client                                  PgConnection
 *    | SSLRequest ------------------------>  'S' (TLS handshake follows) or 'N'
 *    | StartupMessage -------------------->  [NegotiateProtocolVersion] Authentication* request
 *    | PasswordMessage / SASL* ----------->  ... AuthenticationOk, ParameterStatus*, BackendKeyData,
 *    |                                       ReadyForQuery
 *    | Query ----------------------------->  per statement: RowDescription, DataRow*, CommandComplete
 *    |                                       (or ErrorResponse, which ends the string), ReadyForQuery
 *    | Parse/Bind/Describe/Execute ... --->  ParseComplete, BindComplete, ..., (errors skip to Sync)
 *    | Sync ------------------------------>  ReadyForQuery
 * </pre>
 *
 * <p>Like an actor, it processes frontend messages strictly one at a time, in order, on its channel's event loop.
 * A message that arrives while a handler call is still running waits in the inbox (so pipelining clients work);
 * handler calls run on the worker executor and their results come back to the event loop. Nothing here blocks
 * the event loop.
 */
public final class PgConnection extends ChannelInboundHandlerAdapter implements SessionContext {
    private static final Logger log = LoggerFactory.getLogger(PgConnection.class);

    private static final int NEWEST_MINOR_VERSION = io.pgserve.server.internal.protocol.PgFrameDecoder
            .NEWEST_MINOR_VERSION;
    /** Stop reading the socket when this many messages wait in the inbox. */
    private static final int INBOX_HIGH_WATER = 256;

    /** Where the connection is in the protocol. */
    enum Phase {
        /** Expecting SSLRequest, GSSENCRequest, CancelRequest or StartupMessage. */
        STARTUP,
        /** Expecting the client's password or SASL messages. */
        AUTHENTICATING,
        /** Authenticated: processing queries. */
        READY,
        /**
         * An error occurred in an extended-query batch. "When an error is detected while processing any
         * extended-query message, the backend issues ErrorResponse, then reads and discards messages until a Sync
         * is reached, then issues ReadyForQuery and returns to normal message processing."
         */
        AWAITING_SYNC,
        /** COPY ... FROM STDIN: expecting CopyData, then CopyDone or CopyFail. */
        COPY_IN,
        /** Closing or closed; input is ignored. */
        CLOSED
    }

    private final ServerRuntime runtime;
    private final ServerConfig config;
    /**
     * Where this session's handler calls, row pumps, COPY sinks and handler close run: the server's executor, one
     * task at a time, so that cleanup after a vanished client waits for the call still running.
     */
    private final SerialExecutor worker;
    private final int processId;
    /** The cancel key: 4 bytes for protocol 3.0 and 3.1, 32 for 3.2 (chosen at startup). */
    private byte[] secretKey = new byte[4];
    /** The minor protocol version in use. */
    private int protocolMinor;

    private ChannelHandlerContext ctx;
    private Outbound out;
    private Phase phase = Phase.STARTUP;
    private final ArrayDeque<FrontendMessage> inbox = new ArrayDeque<>();
    private boolean busy;
    private boolean draining;
    private boolean tls;
    private boolean shuttingDown;
    /** endSession() ran: the session is gone from the server (read by PgServer.close() on any thread). */
    private volatile boolean ended;
    private String connectionId;
    private String remote;

    private Map<String, String> startupParameters = Map.of();
    private String user;
    private String database;
    private SessionParameters parameters;
    private SessionCommands commands;
    private final TransactionTracker transactions = new TransactionTracker(this::transactionEnded);
    /** Channels this session listens on. Event loop. */
    private final java.util.Set<String> listening = new java.util.HashSet<>();
    /** LISTEN/UNLISTEN/NOTIFY of the open block: they take effect at commit and vanish at rollback. */
    private final List<Runnable> atCommit = new ArrayList<>();
    /** Notifications that arrived while busy or in a block, sent once the session is idle. */
    private final ArrayDeque<NotificationResponse> notificationsToSend = new ArrayDeque<>();
    private QueryHandler handler;
    private AuthExchange auth;
    /** Statements in the simple Query being run (0 in the extended protocol). */
    private int simpleStatementCount;
    /** A transactional handler has an implicit transaction open that the server must end. */
    private boolean implicitOpen;
    private volatile Codecs codecs;

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** Cursors of DECLARE; they share their namespace with the protocol's portals, as in PostgreSQL. */
    private final Map<String, SqlCursor> cursors = new HashMap<>();
    /** The rows being sent come from a BINARY cursor: binary format wherever the type has one. */
    private boolean fetchBinary;

    /** The cancellation signal of the statement in progress, if any (read by CancelRequest on another thread). */
    private volatile Cancellation running;
    /** The worker thread running the current handler call, interrupted on cancel. Guarded by {@code this}. */
    private Thread runningThread;
    /** The current statement of a non-blocking handler moved to the worker ({@link Query#onWorker}). Event loop. */
    private boolean onWorker;
    /** Why the running statement was cancelled: a statement timeout rather than a CancelRequest. */
    private volatile boolean timedOut;
    /** The statement_timeout timer of the running statement. Event loop. */
    private io.netty.util.concurrent.ScheduledFuture<?> statementTimer;
    /** The idle_session_timeout / idle_in_transaction_session_timeout timer. Event loop. */
    private io.netty.util.concurrent.ScheduledFuture<?> idleTimer;
    /** A row pump waiting for the channel to become writable. Event-loop only. */
    private RowPump parkedPump;
    /** This connection holds one of the max_connections slots. */
    private boolean admitted;
    /** Closes the connection when authentication takes longer than authentication_timeout. Event loop. */
    private io.netty.util.concurrent.ScheduledFuture<?> authTimer;
    /** Disconnects a client that leaves the server unable to write for too long. Event loop. */
    private io.netty.util.concurrent.ScheduledFuture<?> stallTimer;

    public PgConnection(ServerRuntime runtime) {
        this.runtime = runtime;
        this.config = runtime.config();
        this.worker = new SerialExecutor(config.executor());
        this.processId = runtime.newProcessId();
        runtime.random().nextBytes(secretKey);
    }

    @Override
    public int processId() {
        return processId;
    }

    byte[] secretKey() {
        return secretKey.clone();
    }

    // --- Netty events ----------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.out = new Outbound(ctx, config.limits().maxOutboundBytes(), this::outboundOverflow);
        this.connectionId = Integer.toString(processId);
        SocketAddress address = ctx.channel().remoteAddress();
        this.remote = address == null ? "local" : address.toString();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        runtime.register(this);
        admitted = runtime.admit();
        java.time.Duration authTimeout = config.limits().authenticationTimeout();
        if (!authTimeout.isZero()) {
            authTimer = ctx.executor().schedule(this::authenticationTimedOut, authTimeout.toNanos(),
                    java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        enterContext();
        try {
            log.debug("Connection accepted");
        } finally {
            leaveContext();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        enterContext();
        try {
            log.debug("Connection closed");
            endSession();
        } finally {
            leaveContext();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FrontendMessage message)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (phase == Phase.CLOSED) {
            ReferenceCountUtil.release(msg);
            return;
        }
        stopIdleTimer();
        inbox.add(message);
        if (inbox.size() >= INBOX_HIGH_WATER) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!busy) {
            out.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            stopStallTimer();
            if (inbox.size() < INBOX_HIGH_WATER / 2 && phase != Phase.CLOSED) {
                ctx.channel().config().setAutoRead(true);
            }
            if (parkedPump != null) {
                RowPump pump = parkedPump;
                parkedPump = null;
                pump.resume();
            }
        } else if (phase != Phase.CLOSED) {
            // The client does not read: stop reading what it sends (no more work to answer), as a PostgreSQL
            // backend blocked in send() would, and give it outboundStallTimeout to catch up.
            ctx.channel().config().setAutoRead(false);
            java.time.Duration timeout = config.limits().outboundStallTimeout();
            if (stallTimer == null && !timeout.isZero()) {
                stallTimer = ctx.executor().schedule(this::outboundStalled, timeout.toNanos(),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void stopStallTimer() {
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
    }

    private void stopAuthTimer() {
        if (authTimer != null) {
            authTimer.cancel(false);
            authTimer = null;
        }
    }

    /**
     * authentication_timeout passed before AuthenticationOk. PostgreSQL closes such a connection without a word
     * (the client may not even have sent its startup packet), and so does pgserve.
     */
    private void authenticationTimedOut() {
        authTimer = null;
        if (phase != Phase.STARTUP && phase != Phase.AUTHENTICATING) {
            return;
        }
        enterContext();
        try {
            log.info("Closing connection from {}: authentication timed out after {}", remote,
                    config.limits().authenticationTimeout());
        } finally {
            leaveContext();
        }
        closeSilently();
    }

    /** The channel stayed unwritable for outboundStallTimeout: the client stopped reading. */
    private void outboundStalled() {
        stallTimer = null;
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            return;
        }
        enterContext();
        try {
            log.info("Closing connection from {}: the client has not read its output for {}", remote,
                    config.limits().outboundStallTimeout());
        } finally {
            leaveContext();
        }
        closeSilently();
    }

    /** More than maxOutboundBytes wait for the client: close now, dropping them (no error could reach it). */
    private void outboundOverflow(long pendingBytes) {
        enterContext();
        try {
            log.info("Closing connection from {}: {} bytes of output wait for the client, more than the limit of {}",
                    remote, pendingBytes, config.limits().maxOutboundBytes());
        } finally {
            leaveContext();
        }
        closeSilently();
    }

    /** Closes without sending anything more: what is queued for the client is dropped. */
    private void closeSilently() {
        phase = Phase.CLOSED;
        busy = true;
        releaseInbox();
        out.discard();
        ctx.channel().close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        enterContext();
        try {
            if (isConnectionReset(cause)) {
                log.debug("Connection error: {}", cause.toString());
            } else {
                log.warn("Connection error", cause);
            }
        } finally {
            leaveContext();
        }
        close();
    }

    /** Failures that clients cause every day (a reset, a refused TLS handshake): not worth a stack trace. */
    private static boolean isConnectionReset(Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof javax.net.ssl.SSLException || c instanceof java.nio.channels.ClosedChannelException) {
            // Writes still queued when a connection closes fail with ClosedChannelException: expected.
            return true;
        }
        String m = String.valueOf(c.getMessage());
        return c instanceof java.io.IOException
                && (m.contains("reset") || m.contains("Broken pipe") || m.contains("closed"));
    }

    // --- the message loop --------------------------------------------------------------------------------

    /** Processes inbox messages until one needs to wait for a handler call. Event-loop only. */
    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            enterContext();
            FrontendMessage message;
            while (!busy && phase != Phase.CLOSED && (message = inbox.poll()) != null) {
                try {
                    dispatch(message);
                } catch (Throwable t) {
                    // Nothing may escape to Netty: an unexpected failure here is a bug, reported as XX000 FATAL.
                    log.error("Unexpected failure processing {}", message, t);
                    fatal(new PgException(SqlState.INTERNAL_ERROR, String.valueOf(t.getMessage())));
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
            if (phase == Phase.CLOSED) {
                releaseInbox();
            } else if (inbox.size() < INBOX_HIGH_WATER / 2 && !ctx.channel().config().isAutoRead()
                    && ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        } finally {
            leaveContext();
            draining = false;
        }
    }

    private void releaseInbox() {
        FrontendMessage m;
        while ((m = inbox.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }

    /** Continues the message loop after an asynchronous step finished (on the event loop). */
    private void resumeLoop() {
        busy = false;
        if (draining) {
            return; // the step finished within the loop (no thread switch): the loop goes on, one flush at its end
        }
        drain();
        if (!busy) {
            out.flush();
        }
    }

    private void dispatch(FrontendMessage message) {
        if (message instanceof DecodeFailure failure) {
            onDecodeFailure(failure);
            return;
        }
        if (log.isTraceEnabled()) {
            log.trace("<- {}", message);
        }
        switch (phase) {
            case STARTUP:
                onStartupPhase(message);
                break;
            case AUTHENTICATING:
                onAuthenticationPhase(message);
                break;
            case AWAITING_SYNC:
                if (message instanceof Sync) {
                    phase = Phase.READY;
                    onSync(false);
                } else if (message instanceof Terminate) {
                    close();
                }
                break;
            case READY:
                onReadyPhase(message);
                break;
            case COPY_IN:
                onCopyInPhase(message);
                break;
            default:
                break;
        }
    }

    private void onDecodeFailure(DecodeFailure failure) {
        PgException error = failure.cause().toPgException(PgException.Severity.ERROR);
        if (!failure.fatal() && phase == Phase.AWAITING_SYNC) {
            return; // skipping to Sync: a malformed message is discarded like any other
        }
        if (failure.fatal() || phase != Phase.READY) {
            fatal(error);
            return;
        }
        sendError(error);
        if (isExtendedQueryMessage(failure.messageType())) {
            phase = Phase.AWAITING_SYNC;
        } else {
            readyForQuery();
        }
    }

    private static boolean isExtendedQueryMessage(byte type) {
        return type == 'P' || type == 'B' || type == 'D' || type == 'E' || type == 'C' || type == 'H';
    }

    // --- startup and authentication ------------------------------------------------------------------------

    private void onStartupPhase(FrontendMessage message) {
        if (message instanceof SslRequest) {
            io.netty.handler.ssl.SslContext sslContext = runtime.sslContext();
            if (sslContext != null && ctx.pipeline().get(SslHandler.class) == null
                    && !(ctx.channel() instanceof io.netty.channel.unix.DomainSocketChannel)) {
                // startTls: the 'S' itself goes out in clear text, everything after it through TLS.
                SslHandler ssl = new SslHandler(sslContext.newEngine(ctx.alloc()), true);
                ctx.pipeline().addFirst("tls", ssl);
                tls = true;
                writeByte('S');
            } else {
                writeByte('N');
            }
        } else if (message instanceof GssEncRequest) {
            writeByte('N');
        } else if (message instanceof CancelRequest cancel) {
            runtime.cancel(cancel.processId(), cancel.secretKey());
            close();
        } else if (message instanceof StartupMessage startup) {
            onStartupMessage(startup);
        }
    }

    private void writeByte(char answer) {
        ByteBuf b = ctx.alloc().ioBuffer(1).writeByte(answer);
        ctx.writeAndFlush(b, ctx.voidPromise());
    }

    private void onStartupMessage(StartupMessage startup) {
        if (startup.majorVersion() != 3) {
            fatal(new PgException(SqlState.FEATURE_NOT_SUPPORTED, String.format(
                    "unsupported frontend protocol %d.%d: server supports 3.0 to 3.%d",
                    startup.majorVersion(), startup.minorVersion(), NEWEST_MINOR_VERSION)));
            return;
        }
        if (runtime.isShuttingDown()) {
            // As PostgreSQL's postmaster during a shutdown (CAC_SHUTDOWN): judged once the startup packet is in.
            fatal(new PgException(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down"));
            return;
        }
        if (!admitted) {
            // As PostgreSQL: judged once the startup packet is in (a CancelRequest still gets through).
            fatal(new PgException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already"));
            return;
        }
        startupParameters = Collections.unmodifiableMap(new LinkedHashMap<>(startup.parameters()));
        List<String> unrecognized = new ArrayList<>();
        for (String name : startupParameters.keySet()) {
            if (name.startsWith("_pq_.")) {
                unrecognized.add(name);
            }
        }
        // As PostgreSQL 18: the version in use is the lower of the client's and ours, and the client is told so
        // when it asked for more, or sent protocol options (_pq_.*) that we do not know.
        protocolMinor = Math.min(startup.minorVersion(), NEWEST_MINOR_VERSION);
        if (startup.minorVersion() > NEWEST_MINOR_VERSION || !unrecognized.isEmpty()) {
            out.send(new NegotiateProtocolVersion(protocolMinor, unrecognized));
        }
        if (protocolMinor >= 2) {
            secretKey = new byte[32];
            runtime.random().nextBytes(secretKey);
        }
        SslHandler sslHandler = ctx.pipeline().get(SslHandler.class);
        tls = sslHandler != null;
        if (tls && DirectSslDetector.isDirect(ctx.channel())
                && !DirectSslDetector.ALPN_PROTOCOL.equals(sslHandler.applicationProtocol())) {
            // PostgreSQL 17: "direct" TLS must negotiate the postgresql ALPN protocol.
            fatal(new PgException(SqlState.PROTOCOL_VIOLATION,
                    "received direct SSL connection request without ALPN protocol negotiation extension"));
            return;
        }
        user = startupParameters.get("user");
        if (user == null || user.isEmpty()) {
            fatal(new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet"));
            return;
        }
        database = startupParameters.getOrDefault("database", "");
        if (database.isEmpty()) {
            database = user;
        }
        userKnown();
        if (config.requireTls() && !tls && !(ctx.channel() instanceof io.netty.channel.unix.DomainSocketChannel)) {
            fatal(new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, String.format(
                    "no pg_hba.conf entry for host \"%s\", user \"%s\", database \"%s\", no encryption",
                    hostOf(ctx.channel().remoteAddress()), user, database)));
            return;
        }
        if (runtime.authRateLimiter().blocked(rateLimitKey())) {
            log.info("Authentication refused for user \"{}\" from {}: too many failed attempts", user, remote);
            fatal(new PgException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "too many failed authentication attempts from this address; try again later"));
            return;
        }
        parameters = new SessionParameters(config.defaults());
        for (Map.Entry<String, String> e : startupParameters.entrySet()) {
            String name = e.getKey();
            if (name.equals("user") || name.equals("database") || name.equals("replication")
                    || name.startsWith("_pq_.")) {
                continue;
            }
            if (name.equals("options")) {
                applyOptions(e.getValue());
            } else {
                try {
                    parameters.applyStartup(name, e.getValue());
                } catch (PgException invalid) {
                    fatal(invalid);
                    return;
                }
            }
        }
        try {
            parameters.applyStartup("session_authorization", user);
        } catch (PgException ignored) {
            // not reachable: session_authorization takes any value
        }
        commands = new SessionCommands(parameters, this::sendNoticeNow);
        phase = Phase.AUTHENTICATING;
        auth = Authenticators.create(runtime, user, tls ? serverCertificate() : null, tls ? clientCertificate() : null);
        busy = true;
        (auth.blocking() ? runBlocking(auth::start) : callNow(auth::start)).whenComplete((first, error) -> onEventLoop(() -> {
            if (error != null) {
                PgException failure = authFailure(error);
                authenticationFailed(failure);
                fatal(failure);
                return;
            }
            if (first == Authentication.AUTHENTICATION_OK) {
                authenticated(null); // ends with ReadyForQuery, which resumes the message loop
            } else {
                out.send(first);
                out.flush();
                resumeLoop();
            }
        }));
    }

    /** The {@code options} startup parameter: command-line switches, of which {@code -c name=value} sets a GUC. */
    private void applyOptions(String options) {
        String[] words = options.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String assignment = null;
            if (w.equals("-c") && i + 1 < words.length) {
                assignment = words[++i];
            } else if (w.startsWith("-c")) {
                assignment = w.substring(2);
            } else if (w.startsWith("--")) {
                assignment = w.substring(2);
            }
            if (assignment != null && assignment.contains("=")) {
                int eq = assignment.indexOf('=');
                String name = assignment.substring(0, eq).replace('-', '_');
                parameters.applyStartup(name, assignment.substring(eq + 1));
            }
        }
    }

    private static String hostOf(SocketAddress address) {
        if (address instanceof java.net.InetSocketAddress inet) {
            return inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        return "[local]";
    }

    private X509Certificate serverCertificate() {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        Certificate[] local = ssl.engine().getSession().getLocalCertificates();
        return local != null && local.length > 0 && local[0] instanceof X509Certificate x ? x : null;
    }

    /** The client's TLS certificate, when it sent one. */
    private X509Certificate clientCertificate() {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] peer = ssl == null ? null : ssl.engine().getSession().getPeerCertificates();
            return peer != null && peer.length > 0 && peer[0] instanceof X509Certificate x ? x : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private void onAuthenticationPhase(FrontendMessage message) {
        if (message instanceof Terminate) {
            close();
            return;
        }
        if (!(message instanceof PasswordMessage password)) {
            fatal(new PgException(SqlState.PROTOCOL_VIOLATION,
                    "expected password response, got message type " + typeByteOf(message)));
            return;
        }
        busy = true;
        byte[] body = password.body();
        runBlocking(() -> auth.step(body)).whenComplete((step, error) -> onEventLoop(() -> {
            if (error != null) {
                PgException failure = authFailure(error);
                authenticationFailed(failure);
                fatal(failure);
                return;
            }
            if (step.authenticated()) {
                authenticated(step.reply()); // ends with ReadyForQuery, which resumes the message loop
            } else {
                out.send(step.reply());
                out.flush();
                resumeLoop();
            }
        }));
    }

    /** Logs a failed login with the client's address, and counts it against the address's rate limit. */
    private void authenticationFailed(PgException failure) {
        log.info("Authentication failed for user \"{}\" from {}: {}", user, remote, failure.getMessage());
        runtime.authRateLimiter().failed(rateLimitKey());
    }

    /** The client's IP address (the port is not part of it); Unix-socket clients share one key. */
    private String rateLimitKey() {
        return hostOf(ctx.channel().remoteAddress());
    }

    private static int typeByteOf(FrontendMessage m) {
        if (m instanceof io.pgserve.server.internal.protocol.frontend.Query) return 'Q';
        if (m instanceof Parse) return 'P';
        if (m instanceof Bind) return 'B';
        if (m instanceof Describe) return 'D';
        if (m instanceof Execute) return 'E';
        if (m instanceof Sync) return 'S';
        if (m instanceof Flush) return 'H';
        if (m instanceof Close) return 'C';
        if (m instanceof CopyData) return 'd';
        if (m instanceof CopyDone) return 'c';
        if (m instanceof CopyFail) return 'f';
        if (m instanceof FunctionCall) return 'F';
        return 0;
    }

    private static PgException authFailure(Throwable error) {
        return Errors.toPgException(error).withSeverity(PgException.Severity.FATAL);
    }

    /** Authentication succeeded: create the handler (off the event loop: factories may block), then greet. */
    private void authenticated(BackendMessage finalSaslMessage) {
        auth = null;
        if (finalSaslMessage != null) {
            out.send(finalSaslMessage);
        }
        busy = true;
        io.pgserve.server.QueryHandlerFactory factory = config.handlerFactory();
        (factory.isBlocking() ? runBlocking(() -> factory.create(this)) : callNow(() -> factory.create(this)))
                .whenComplete((h, error) -> onEventLoop(() -> {
            if (error != null) {
                fatal(Errors.toPgException(error).withSeverity(PgException.Severity.FATAL));
                return;
            }
            if (phase == Phase.CLOSED) {
                h.close();
                return;
            }
            handler = h;
            stopAuthTimer();
            out.send(Authentication.AUTHENTICATION_OK);
            for (Map.Entry<String, String> p : parameters.reported()) {
                out.send(new ParameterStatus(p.getKey(), p.getValue()));
            }
            out.send(new BackendKeyData(processId, secretKey));
            phase = Phase.READY;
            log.debug("Session started for database \"{}\"", database);
            readyForQuery();
        }));
    }

    // --- ready: queries ------------------------------------------------------------------------------------

    private void onReadyPhase(FrontendMessage message) {
        if (message instanceof io.pgserve.server.internal.protocol.frontend.Query query) {
            simpleQuery(query.sql());
        } else if (message instanceof Parse parse) {
            extended(() -> onParse(parse));
        } else if (message instanceof Bind bind) {
            extended(() -> onBind(bind));
        } else if (message instanceof Describe describe) {
            extended(() -> onDescribe(describe));
        } else if (message instanceof Execute execute) {
            extended(() -> onExecute(execute));
        } else if (message instanceof Close close) {
            extended(() -> onClose(close));
        } else if (message instanceof Sync) {
            onSync(true);
        } else if (message instanceof Flush) {
            out.flush();
        } else if (message instanceof Terminate) {
            close();
        } else if (message instanceof CopyData || message instanceof CopyDone || message instanceof CopyFail) {
            // "the backend will ignore CopyData, CopyDone and CopyFail messages received outside COPY"
        } else if (message instanceof FunctionCall) {
            sendError(new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                    "the fast-path function call interface is not supported"));
            readyForQuery();
        } else if (message instanceof PasswordMessage) {
            fatal(new PgException(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + (int) 'p'));
        } else {
            fatal(new PgException(SqlState.PROTOCOL_VIOLATION, "unexpected message " + message));
        }
    }

    private void simpleQuery(String sql) {
        List<RawStatement> list;
        try {
            list = runtime.sqlCache().analyse(sql).statements();
        } catch (SqlParseException e) {
            sendError(Errors.toPgException(e));
            readyForQuery();
            return;
        }
        if (list.isEmpty()) {
            out.send(Simple.EMPTY_QUERY_RESPONSE);
            readyForQuery();
            return;
        }
        busy = true;
        simpleStatementCount = list.size();
        runStatements(list, 0);
    }

    /** The end of a simple Query: end its implicit transaction, then ReadyForQuery. */
    private void endSimpleQuery(boolean success) {
        simpleStatementCount = 0;
        endImplicitThen(success, this::readyForQuery);
    }

    /**
     * Runs statements {@code from}.. of a simple query in order; an error ends the string. Loops instead of
     * recursing, so a string of thousands of statements does not grow the stack.
     */
    private void runStatements(List<RawStatement> list, int from) {
        for (int i = from; i < list.size(); i++) {
            RawStatement st = list.get(i);
            CompletableFuture<Boolean> step = runStatement(st, List.of(), true, 0, null);
            if (!step.isDone()) {
                int next = i + 1;
                step.whenComplete((ok, e) -> onEventLoop(() -> {
                    if (Boolean.TRUE.equals(ok) && next < list.size()) {
                        runStatements(list, next);
                    } else {
                        endSimpleQuery(Boolean.TRUE.equals(ok));
                    }
                }));
                return;
            }
            if (!step.join()) {
                endSimpleQuery(false);
                return;
            }
        }
        endSimpleQuery(true);
    }

    /**
     * Runs one statement and sends its results: RowDescription (when {@code describe}), DataRows, CommandComplete
     * — or ErrorResponse. Completes on the event loop with {@code true} on success, {@code false} after an error
     * was reported. With {@code portal} set, the results stay attached to it (extended protocol).
     */
    private CompletableFuture<Boolean> runStatement(RawStatement st, List<Object> params, boolean describe,
                                                    long maxRows, Portal portal) {
        List<PgType> types = portal == null ? null : portal.types;
        startStatementTimer();
        return deliver(st, obtainResult(st, params, types), describe, maxRows, portal)
                .whenComplete((ok, e) -> stopStatementTimer());
    }

    /** statement_timeout: cancel the statement (57014) if it runs longer. */
    private void startStatementTimer() {
        if (statementTimer != null) {
            return; // already timing this statement (Describe ran it; Execute sends its rows)
        }
        timedOut = false;
        long ms = parameters.statementTimeout();
        if (ms > 0) {
            statementTimer = ctx.executor().schedule(() -> {
                timedOut = true;
                cancelRunningStatement();
            }, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void stopStatementTimer() {
        if (statementTimer != null) {
            statementTimer.cancel(false);
            statementTimer = null;
        }
    }

    /**
     * idle_in_transaction_session_timeout (25P03) and idle_session_timeout (57P05): a session that sits idle longer
     * is ended. Armed at ReadyForQuery, disarmed by the next message.
     */
    private void startIdleTimer() {
        stopIdleTimer();
        boolean inTransaction = transactions.status() != TransactionStatus.IDLE;
        long ms = parameters.idleTimeout(inTransaction);
        if (ms > 0) {
            idleTimer = ctx.executor().schedule(() -> {
                if (!busy && inbox.isEmpty()) {
                    fatal(inTransaction
                            ? new PgException(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                                    "terminating connection due to idle-in-transaction timeout")
                            : new PgException("57P05", "terminating connection due to idle-session timeout"));
                }
            }, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private void stopIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    /** Sends a statement's result once it is known (now, or later on the event loop); see {@link #runStatement}. */
    private CompletableFuture<Boolean> deliver(RawStatement st, CompletableFuture<QueryResult> result,
                                               boolean describe, long maxRows, Portal portal) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Runnable send = () -> {
            if (phase == Phase.CLOSED) {
                // The client left while the statement ran: nobody to answer, and nothing of it may start.
                result.thenAccept(r -> discard(r,
                        new PgException(SqlState.CONNECTION_FAILURE, "connection closed during COPY")));
                done.complete(false);
                return;
            }
            QueryResult r;
            try {
                r = result.join();
                if (st.kind().isTransactionControl() && handler.handles(st.kind())) {
                    // The handler ran the transaction statement; the session's status follows its success.
                    transactions.apply(st, parameters, this::sendNoticeNow);
                    if (st.kind() == StatementKind.BEGIN) {
                        implicitOpen = false; // the implicit transaction became the block
                    }
                }
            } catch (Throwable e) {
                statementFailed(st, e);
                done.complete(false);
                return;
            }
            sendResult(st, r, describe, maxRows, portal, done);
        };
        if (result.isDone()) {
            send.run();
        } else {
            result.whenComplete((r, e) -> onEventLoop(send));
        }
        return done;
    }

    /** Gets a statement's result: from the session itself (SET, BEGIN...) or from the handler. */
    private CompletableFuture<QueryResult> obtainResult(RawStatement st, List<Object> params,
                                                     List<PgType> paramTypes) {
        StatementKind kind = st.kind();
        try {
            transactions.checkAllowed(kind);
            if (kind.isServedBySession() && !handler.handles(kind)) {
                if (kind == StatementKind.EXECUTE) {
                    return executePrepared(st);
                }
                if (kind == StatementKind.FETCH || kind == StatementKind.MOVE) {
                    return fetch(st);
                }
                return CompletableFuture.completedFuture(runSessionStatement(st));
            }
            if (kind == StatementKind.SELECT && !handler.handles(StatementKind.NOTIFY)) {
                Notifications.Command notify = Notifications.pgNotifyCall(st.sql(), params);
                if (notify != null) {
                    Runnable publish = () -> runtime.notifications().publish(processId, notify.channel(),
                            notify.payload());
                    if (transactions.status() != TransactionStatus.IDLE) {
                        atCommit.add(publish);
                    } else {
                        publish.run();
                    }
                    return CompletableFuture.completedFuture(QueryResult.rows(
                            List.of(Column.of("pg_notify", PgType.VOID)), List.<Object[]>of(new Object[] {""})));
                }
            }
            if (kind.isTransactionControl()) {
                transactions.validate(st, this::sendNoticeNow);
            }
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(e);
        }
        Cancellation cancellation = new Cancellation();
        running = cancellation;
        startStatementTimer();
        Query query = new Query(st.sql(), kind, st.commandTag(), params, paramTypes, this, cancellation,
                transactionMode(kind));
        CompletableFuture<QueryResult> result = callHandler(query);
        return result.handle((r, e) -> {
            if (cancellation.isCancelled() && (e != null || !(r instanceof QueryResult.Rows))) {
                PgException cancelled = cancellationError();
                if (r != null) {
                    discard(r, cancelled); // a COPY the handler returned will never run: its sink is aborted
                }
                throw new java.util.concurrent.CompletionException(cancelled);
            }
            if (e != null) {
                throw e instanceof java.util.concurrent.CompletionException c ? c
                        : new java.util.concurrent.CompletionException(e);
            }
            return r;
        });
    }

    /**
     * The statement's place in transactions. Outside a block, the statements of a multi-statement Query, and every
     * Execute up to a Sync, form one implicit transaction, which a transactional handler is told to end.
     */
    private TransactionMode transactionMode(StatementKind kind) {
        if (transactions.status() != TransactionStatus.IDLE) {
            return TransactionMode.BLOCK;
        }
        if (simpleStatementCount == 1) {
            return TransactionMode.SINGLE_STATEMENT;
        }
        if (kind != StatementKind.BEGIN && isTransactionalHandler()) {
            implicitOpen = true;
        }
        return TransactionMode.IMPLICIT;
    }

    private boolean isTransactionalHandler() {
        return handler != null && handler.handles(StatementKind.BEGIN);
    }

    /**
     * Ends the implicit transaction a transactional handler has open (commit when everything succeeded), then
     * runs {@code then}. A failed commit is reported as an error.
     */
    private void endImplicitThen(boolean success, Runnable then) {
        if (!implicitOpen) {
            then.run();
            return;
        }
        implicitOpen = false;
        busy = true;
        QueryHandler h = handler;
        java.util.concurrent.Callable<Void> end = () -> {
            h.endImplicitTransaction(success);
            return null;
        };
        (onWorkerNow(h) ? runBlocking(end) : callNow(end)).whenComplete((v, e) -> onEventLoop(() -> {
            if (e != null) {
                sendError(Errors.toPgException(e));
            }
            then.run();
        }));
    }

    /**
     * This worker thread runs the session's statement now: a cancel interrupts it, also one that came while the call
     * waited for its turn on the worker.
     */
    private void markRunning() {
        synchronized (this) {
            runningThread = Thread.currentThread();
            if (isCancelled()) {
                runningThread.interrupt();
            }
        }
    }

    /**
     * Whether a call of {@code h} runs on the worker: always for a blocking handler; for a non-blocking one while the
     * worker still has work of this session (an aborted COPY's cleanup...), which must run first.
     */
    private boolean onWorkerNow(QueryHandler h) {
        return h.isBlocking() || !worker.isIdle();
    }

    /** Runs a handler call on the worker executor (or inline for a non-blocking handler). */
    private CompletableFuture<QueryResult> callHandler(Query query) {
        CompletableFuture<QueryResult> future = new CompletableFuture<>();
        QueryHandler handler = this.handler; // read on the event loop; the session's end clears the field
        boolean blocking = onWorkerNow(handler);
        onWorker = blocking;
        Runnable call = () -> {
            if (ended) { // the client left before the call's turn came: no call after the handler's close()
                completeOnLoop(future, null, new PgException(SqlState.CONNECTION_FAILURE, "connection closed"));
                return;
            }
            enterContext();
            if (blocking) {
                markRunning();
            }
            try {
                CompletionStage<QueryResult> stage = handler.executeAsync(query);
                if (stage == null) {
                    future.completeExceptionally(new PgException(SqlState.INTERNAL_ERROR,
                            "handler returned no result"));
                } else {
                    stage.whenComplete((r, e) -> completeOnLoop(future, r, e != null ? e : r == null
                            ? new PgException(SqlState.INTERNAL_ERROR, "handler returned no result") : null));
                }
            } catch (Throwable t) {
                completeOnLoop(future, null, t);
            } finally {
                if (blocking) { // a non-blocking call may have moved its statement to the worker (onWorker)
                    synchronized (this) {
                        runningThread = null;
                        Thread.interrupted(); // a cancel that raced the end of the call must not leak into the pool
                    }
                }
                leaveContext();
            }
        };
        if (blocking) {
            try {
                worker.execute(call);
            } catch (RuntimeException rejected) {
                future.completeExceptionally(new PgException(SqlState.ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command"));
            }
        } else {
            call.run();
        }
        return future;
    }

    /** SET, SHOW, RESET, DISCARD and transaction control, answered by the session itself. */
    private QueryResult runSessionStatement(RawStatement st) {
        boolean inBlock = transactions.status() != TransactionStatus.IDLE;
        switch (st.kind()) {
            case SET:
                return commands.set(st.sql(), inBlock);
            case SHOW:
                return commands.show(st.sql());
            case RESET:
                return commands.reset(st.sql());
            case DISCARD:
                if (st.commandTag().equals("DISCARD ALL")) {
                    if (inBlock) {
                        throw new PgException(SqlState.ACTIVE_SQL_TRANSACTION,
                                "DISCARD ALL cannot run inside a transaction block");
                    }
                    parameters.resetAll();
                    closeCursors(cursor -> true);
                    closeOtherPortals();
                    statements.clear();
                    unlisten(null);
                }
                return QueryResult.command(st.commandTag());
            case LISTEN: case UNLISTEN: case NOTIFY:
                return notificationStatement(st, inBlock);
            case PREPARE: {
                SqlCommands.Prepare prepare = SqlCommands.prepare(st.sql(), config.types());
                createPreparedStatement(prepare.name(), prepare.statement(), prepare.types().toArray(new PgType[0]));
                return QueryResult.command("PREPARE");
            }
            case DEALLOCATE: {
                SqlCommands.Deallocate d = SqlCommands.deallocate(st.sql());
                if (d.name() == null) {
                    statements.clear();
                    return QueryResult.command("DEALLOCATE ALL");
                }
                if (statements.remove(d.name()) == null) {
                    throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME,
                            "prepared statement \"" + d.name() + "\" does not exist");
                }
                return QueryResult.command("DEALLOCATE");
            }
            case DECLARE:
                return declareCursor(st, inBlock);
            case CLOSE:
                return closeCursor(st);
            default:
                transactions.validate(st, this::sendNoticeNow);
                return QueryResult.command(transactions.apply(st, parameters, this::sendNoticeNow));
        }
    }

    // --- LISTEN / NOTIFY ------------------------------------------------------------------------------------------

    /** LISTEN channel, UNLISTEN channel | *, NOTIFY channel [, 'payload']. Inside a block they act at commit. */
    private QueryResult notificationStatement(RawStatement st, boolean inBlock) {
        Notifications.Command command = Notifications.parse(st);
        Runnable action;
        switch (st.kind()) {
            case LISTEN:
                action = () -> {
                    if (listening.add(command.channel())) {
                        runtime.notifications().listen(command.channel(), this);
                    }
                };
                break;
            case UNLISTEN:
                action = () -> unlisten(command.channel());
                break;
            default:
                action = () -> runtime.notifications().publish(processId, command.channel(), command.payload());
        }
        if (inBlock) {
            atCommit.add(action);
        } else {
            action.run();
        }
        return QueryResult.command(st.commandTag());
    }

    /** Stops listening on {@code channel}, or on every channel when null. */
    private void unlisten(String channel) {
        if (channel == null) {
            for (String c : listening) {
                runtime.notifications().unlisten(c, this);
            }
            listening.clear();
        } else if (listening.remove(channel)) {
            runtime.notifications().unlisten(channel, this);
        }
    }

    /** A transaction block ended: its LISTEN/UNLISTEN/NOTIFY take effect on commit and are dropped otherwise. */
    private void transactionEnded(boolean committed) {
        List<Runnable> actions = new ArrayList<>(atCommit);
        atCommit.clear();
        if (committed) {
            actions.forEach(Runnable::run);
        }
        // Cursors end with their transaction, except WITH HOLD ones that it committed.
        closeCursors(cursor -> !cursor.hold || (cursor.declaredInBlock && !committed));
        cursors.values().forEach(cursor -> cursor.declaredInBlock = false);
    }

    /**
     * A notification for this session (any thread). Sent at once to an idle session — not at its next query — and,
     * as in PostgreSQL, held until the end of a transaction block or of the statement running now.
     */
    void notificationArrived(int senderProcessId, String channel, String payload) {
        onEventLoop(() -> {
            if (phase == Phase.CLOSED) {
                return;
            }
            notificationsToSend.add(new NotificationResponse(senderProcessId, channel, payload));
            if (!busy && transactions.status() == TransactionStatus.IDLE) {
                sendPendingNotifications();
                out.flush();
            }
        });
    }

    private void sendPendingNotifications() {
        NotificationResponse n;
        while ((n = notificationsToSend.poll()) != null) {
            out.send(n);
        }
    }

    private void sendResult(RawStatement st, QueryResult r, boolean describe, long maxRows, Portal portal,
                            CompletableFuture<Boolean> done) {
        if (r instanceof QueryResult.Command command) {
            out.send(new CommandComplete(command.tag()));
            running = null;
            done.complete(true);
            return;
        }
        if (r instanceof QueryResult.CopyIn copyIn) {
            startCopyIn(st, copyIn, done);
            return;
        }
        if (r instanceof QueryResult.CopyOut copyOut) {
            startCopyOut(st, copyOut, done);
            return;
        }
        QueryResult.Rows rows = (QueryResult.Rows) r;
        boolean[] formats = portal != null ? binaryFormats(portal.resultFormats, rows.columns())
                : fetchBinary ? binaryFormats(List.of((short) 1), rows.columns()) : new boolean[rows.columns().size()];
        fetchBinary = false;
        if (describe) {
            out.send(lastRowDescription(rows.columns(), formats));
        }
        RowPump pump = new RowPump(ctx, this, out, rows.rows(),
                RowWriter.dataRows(rows.columns(), formats, config.types(), codecContext()), currentCancellation(),
                pumpExecutor(st));
        if (portal != null) {
            portal.rows = rows;
        }
        runPump(st, pump, rows, maxRows, portal, done);
    }

    /**
     * Streams (more of) a result: up to {@code maxRows} rows (0 = all), then PortalSuspended or CommandComplete.
     * A portal keeps a suspended pump for its next Execute.
     */
    private void runPump(RawStatement st, RowPump pump, QueryResult.Rows rows, long maxRows, Portal portal,
                         CompletableFuture<Boolean> done) {
        running = pump.cancellation();
        if (portal != null) {
            portal.pump = pump;
        }
        if (!pump.onEventLoop()) {
            out.writePending(); // the worker's chunks go after what is pending
        }
        pump.start(maxRows).whenComplete((outcome, e) -> onEventLoop(() -> {
            running = null;
            if (e != null) {
                if (portal != null) {
                    portal.pump = null;
                }
                statementFailed(st, e);
                done.complete(false);
                return;
            }
            if (outcome == RowPump.Outcome.SUSPENDED) {
                out.send(Simple.PORTAL_SUSPENDED);
            } else {
                // In a portal, the count is of the rows this Execute sent.
                out.send(new CommandComplete(rows.completedTag(portal != null ? pump.sentThisRun() : pump.sent())));
                if (portal != null) {
                    portal.pump = null;
                    portal.completed = true;
                }
            }
            done.complete(true);
        }));
    }

    private Cancellation currentCancellation() {
        return running != null ? running : new Cancellation();
    }

    /**
     * Row streams of blocking handlers (and of statements a non-blocking one moved to the worker) are pulled on a
     * worker; the session's own results on the event loop.
     */
    private Executor pumpExecutor(RawStatement st) {
        return handler != null && onWorker && !isSessionResult(st) ? worker : ctx.executor();
    }

    /**
     * {@link Query#onWorker}: a non-blocking handler's call, on the event loop, moves its statement to this session's
     * worker, where a cancel interrupts it and its rows are pulled. Elsewhere (a worker already) it runs at once.
     */
    public CompletionStage<QueryResult> onWorker(java.util.concurrent.Callable<QueryResult> call) {
        if (!ctx.executor().inEventLoop()) {
            return callNow(call);
        }
        onWorker = true;
        CompletableFuture<QueryResult> f = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                enterContext();
                markRunning();
                try {
                    f.complete(call.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                } finally {
                    synchronized (this) {
                        runningThread = null;
                        Thread.interrupted(); // a cancel that raced the end of the call must not leak into the pool
                    }
                    leaveContext();
                }
            });
        } catch (RuntimeException rejected) {
            f.completeExceptionally(new PgException(SqlState.ADMIN_SHUTDOWN,
                    "terminating connection due to administrator command"));
        }
        return f;
    }

    // --- COPY ----------------------------------------------------------------------------------------------------

    /** COPY ... TO STDOUT: CopyOutResponse, the rows as CopyData (streamed like query results), CopyDone. */
    private void startCopyOut(RawStatement st, QueryResult.CopyOut copy, CompletableFuture<Boolean> done) {
        io.pgserve.server.copy.CopyEncoder encoder = new io.pgserve.server.copy.CopyEncoder(copy.options(),
                copy.columns(), config.types(), codecContext());
        boolean binary = copy.options().isBinary();
        out.send(CopyResponse.out(binary, copy.columns().size()));
        // As PostgreSQL sends it: a text/CSV header line is a message of its own, while the binary file header
        // travels in the first row's message (psycopg reads binary COPY a message per row) or, with no rows, in
        // the trailer's.
        boolean[] binaryHeaderPending = {binary};
        if (!binary) {
            sendCopyData(encoder::writeHeader);
        }
        RowWriter writer = (row, buf) -> {
            int at = buf.writerIndex();
            buf.writeByte('d');
            buf.writeInt(0);
            if (binaryHeaderPending[0]) {
                binaryHeaderPending[0] = false;
                encoder.writeHeader(buf);
            }
            encoder.writeRow(row, buf);
            buf.setInt(at + 1, buf.writerIndex() - at - 1);
        };
        RowPump pump = new RowPump(ctx, this, out, copy.rows(), writer, currentCancellation(), pumpExecutor(st));
        if (!pump.onEventLoop()) {
            out.writePending(); // the worker's chunks go after what is pending
        }
        pump.start(0).whenComplete((outcome, e) -> onEventLoop(() -> {
            running = null;
            if (e != null) {
                statementFailed(st, e);
                done.complete(false);
                return;
            }
            sendCopyData(buf -> {
                if (binaryHeaderPending[0]) {
                    encoder.writeHeader(buf);
                }
                encoder.writeTrailer(buf);
            });
            out.send(Simple.COPY_DONE);
            out.send(new CommandComplete(QueryResult.formatTag("COPY", pump.sent())));
            done.complete(true);
        }));
    }

    /** Sends what {@code writer} produces as one CopyData message, if it produces anything. */
    private void sendCopyData(java.util.function.Consumer<ByteBuf> writer) {
        out.send(buf -> {
            int at = buf.writerIndex();
            buf.writeByte('d');
            buf.writeInt(0);
            writer.accept(buf);
            if (buf.writerIndex() == at + 5) {
                buf.writerIndex(at); // nothing to send
            } else {
                buf.setInt(at + 1, buf.writerIndex() - at - 1);
            }
        });
    }

    /** The COPY ... FROM STDIN in progress. */
    private static final class CopyInProgress {
        final RawStatement statement;
        final QueryResult.CopyIn copy;
        /** The parser of the data, or null for a sink that takes raw bytes. */
        final io.pgserve.server.copy.CopyDecoder decoder;
        final CompletableFuture<Boolean> done;
        long chunks;
        /** CopyDone arrived: the sink's finish() is running. */
        boolean finishing;

        CopyInProgress(RawStatement statement, QueryResult.CopyIn copy, io.pgserve.server.copy.CopyDecoder decoder,
                       CompletableFuture<Boolean> done) {
            this.statement = statement;
            this.copy = copy;
            this.decoder = decoder;
            this.done = done;
        }

        void feed(ByteBuf data) throws Exception {
            if (decoder == null) {
                chunks++;
                copy.sink().data(data);
            } else {
                decoder.feed(data);
            }
        }

        QueryResult.Command finish() throws Exception {
            if (decoder == null) {
                return copy.sink().finish(chunks);
            }
            decoder.finish();
            return copy.sink().finish(decoder.rowCount());
        }
    }

    private CopyInProgress copyIn;

    /** COPY ... FROM STDIN: CopyInResponse, then the COPY_IN phase takes the client's CopyData. */
    private void startCopyIn(RawStatement st, QueryResult.CopyIn copy, CompletableFuture<Boolean> done) {
        io.pgserve.server.copy.CopyDecoder decoder;
        try {
            String relation = st.sql();
            try {
                relation = io.pgserve.server.copy.CopyCommand.parse(st.sql()).table();
            } catch (RuntimeException notATable) {
                // COPY (query): no table name for error contexts
            }
            CopyInSink sink = copy.sink();
            decoder = sink.wantsRawData() ? null : io.pgserve.server.copy.CopyDecoder.typed(copy.options(), relation, copy.columns(),
                    config.types(), codecContext(), values -> {
                        try {
                            sink.row(values.toArray());
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    });
        } catch (Throwable e) {
            statementFailed(st, e);
            done.complete(false);
            return;
        }
        copyIn = new CopyInProgress(st, copy, decoder, done);
        out.send(CopyResponse.in(copy.options().isBinary(), copy.columns().size()));
        out.flush();
        phase = Phase.COPY_IN;
        busy = false; // the message loop now takes the client's CopyData
    }

    /**
     * COPY_IN: CopyData runs through the decoder into the sink (off the event loop, several messages at a time,
     * reading no further meanwhile); CopyDone finishes, CopyFail aborts. "Flush and Sync are ignored during
     * copy-in mode"; any other message ends the COPY with an error.
     */
    private void onCopyInPhase(FrontendMessage message) {
        CopyInProgress copy = copyIn;
        if (message instanceof CopyData data) {
            List<CopyData> batch = new ArrayList<>();
            data.retain(); // the loop releases what it dispatched; the batch task releases its own reference
            batch.add(data);
            while (inbox.peek() instanceof CopyData next) {
                inbox.poll();
                batch.add(next);
            }
            busy = true;
            runBlocking(() -> {
                try {
                    for (CopyData d : batch) {
                        copy.feed(d.content());
                    }
                } finally {
                    batch.forEach(CopyData::release);
                }
                return null;
            }).whenComplete((v, e) -> onEventLoop(() -> {
                if (copyIn != copy) {
                    return; // the connection closed meanwhile: endSession() aborted the COPY
                }
                if (e != null) {
                    endCopyIn(e);
                }
                resumeLoop();
            }));
        } else if (message instanceof CopyDone) {
            copy.finishing = true;
            busy = true;
            runBlocking(copy::finish).whenComplete((result, e) -> onEventLoop(() -> {
                if (copyIn != copy) {
                    // The connection closed while finish() ran: what it did stands, and a failed one is undone.
                    if (e != null) {
                        abortCopy(copy, Errors.unwrap(e));
                    }
                    return;
                }
                if (e != null) {
                    endCopyIn(e);
                } else {
                    copyIn = null;
                    phase = Phase.READY;
                    out.send(new CommandComplete(result.tag()));
                    copy.done.complete(true);
                }
            }));
        } else if (message instanceof CopyFail fail) {
            endCopyIn(new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + fail.message()));
        } else if (message instanceof Flush || message instanceof Sync) {
            // ignored until the COPY ends
        } else if (message instanceof Terminate) {
            close();
        } else {
            endCopyIn(new PgException(SqlState.PROTOCOL_VIOLATION, String.format(
                    "unexpected message type 0x%02X during COPY from stdin", typeByteOf(message))));
        }
    }

    /** The COPY failed: the sink undoes its work, the client gets the error, and later CopyData is ignored. */
    private void endCopyIn(Throwable error) {
        CopyInProgress copy = copyIn;
        copyIn = null;
        phase = Phase.READY;
        Throwable cause = Errors.unwrap(error);
        abortCopy(copy, cause);
        statementFailed(copy.statement, cause);
        copy.done.complete(false);
    }

    /**
     * Releases a result that will not be sent (it arrived after the session ended, or its statement was cancelled
     * meanwhile): its rows are closed, its COPY aborted with {@code cause}.
     */
    private void discard(QueryResult r, Throwable cause) {
        Runnable release = null;
        if (r instanceof QueryResult.Rows rows) {
            release = rows.rows()::close;
        } else if (r instanceof QueryResult.CopyOut copy) {
            release = copy.rows()::close;
        } else if (r instanceof QueryResult.CopyIn copy) {
            release = () -> copy.sink().abort(cause);
        }
        if (release != null) {
            onWorker(release);
        }
    }

    /** Tells the sink to undo its work, on the worker after whatever call it is still in. */
    private void abortCopy(CopyInProgress copy, Throwable cause) {
        onWorker(() -> copy.copy.sink().abort(cause));
    }

    private static boolean isSessionResult(RawStatement st) {
        return st.kind() == StatementKind.SHOW;
    }

    /** Called by a pump on its thread when the channel is full; resumes it once writable (event-loop check). */
    /** A pump on the event loop waits for the channel to become writable (its flush did not empty the buffer). */
    void park(RowPump pump) {
        parkedPump = pump;
    }

    void parkUntilWritable(RowPump pump) {
        ctx.executor().execute(() -> {
            if (ctx.channel().isWritable() || !ctx.channel().isActive() || isCancelled()) {
                pump.resume();
            } else {
                parkedPump = pump;
            }
        });
    }

    private boolean isCancelled() {
        Cancellation c = running;
        return c != null && c.isCancelled();
    }

    /** The RowDescription of the latest simple-query result, reused (with its encoded bytes) while it is the same. */
    private List<Column> lastColumns;
    private boolean[] lastFormats;
    private RowDescription lastRowDescription;

    private RowDescription lastRowDescription(List<Column> columns, boolean[] formats) {
        if (lastRowDescription == null || !(columns == lastColumns || columns.equals(lastColumns))
                || !java.util.Arrays.equals(formats, lastFormats)) {
            lastColumns = columns;
            lastFormats = formats.clone();
            lastRowDescription = rowDescription(columns, formats);
        }
        return lastRowDescription;
    }

    private static RowDescription rowDescription(List<Column> columns, boolean[] binary) {
        List<RowDescription.Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            fields.add(new RowDescription.Field(c.name(), c.tableOid(), c.columnNumber(), c.type().oid(),
                    c.type().length(), c.typeModifier(), (short) (binary[i] ? 1 : 0)));
        }
        return new RowDescription(fields);
    }

    /** Reports a failed statement and moves an open transaction block to the failed state. */
    private void statementFailed(RawStatement st, Throwable e) {
        running = null;
        PgException error = Errors.toPgException(e);
        if (error.severity() == PgException.Severity.FATAL || error.severity() == PgException.Severity.PANIC) {
            // As in PostgreSQL, a FATAL error ends the session: sent, then the connection is closed.
            fatal(error);
            return;
        }
        if (st != null) {
            error = error.withPositionOffset(st.offset());
        }
        sendError(error);
        transactions.failed(st == null ? null : st.kind());
        if (st != null && st.kind() == StatementKind.COMMIT && transactions.status() != TransactionStatus.IDLE) {
            // A COMMIT that fails ends the transaction all the same (PostgreSQL rolls it back).
            transactions.forceIdle(parameters);
        }
    }

    // --- extended query protocol ----------------------------------------------------------------------------

    /**
     * A prepared statement: its SQL, split and classified once, its parameter types (given in Parse, described by
     * the handler, or inferred), and its description once asked for.
     */
    private static final class PreparedStatement {
        final String name;
        final String sql;
        final RawStatement statement;
        final PgType[] given;
        final PgType[] inferred;
        PgType[] fromHandler = ParameterTypes.none();
        List<PgType> types;
        Description description;
        /** The last RowDescription sent for this statement, reused while columns and formats stay the same. */
        private List<Column> describedColumns;
        private boolean[] describedFormats;
        private RowDescription rowDescription;

        RowDescription rowDescription(List<Column> columns, boolean[] formats) {
            if (rowDescription == null || !columns.equals(describedColumns)
                    || !java.util.Arrays.equals(formats, describedFormats)) {
                describedColumns = columns;
                describedFormats = formats.clone();
                rowDescription = PgConnection.rowDescription(columns, formats);
            }
            return rowDescription;
        }

        PreparedStatement(String name, String sql, RawStatement statement, PgType[] given, PgType[] inferred) {
            this.name = name;
            this.sql = sql;
            this.statement = statement;
            this.given = given;
            this.inferred = inferred;
            this.types = ParameterTypes.resolve(given, fromHandler, inferred);
        }

        int parameterCount() {
            return types.size();
        }
    }

    /** A portal: a bound statement, and once run, the row pump that a later Execute resumes. */
    private static final class Portal {
        final String name;
        final PreparedStatement statement;
        final List<Object> parameters;
        /** The parameter types the values were decoded as. */
        final List<PgType> types;
        final List<Short> resultFormats;
        CompletableFuture<QueryResult> described;
        QueryResult.Rows rows;
        RowPump pump;
        boolean completed;

        Portal(String name, PreparedStatement statement, List<Object> parameters, List<Short> resultFormats) {
            this.name = name;
            this.statement = statement;
            this.parameters = parameters;
            this.types = statement.types;
            this.resultFormats = resultFormats;
        }

        void close() {
            if (pump != null) {
                pump.close();
                pump = null;
            }
            if (described != null && described.isDone() && !described.isCompletedExceptionally()) {
                QueryResult r = described.join();
                if (r instanceof QueryResult.Rows rs && rows == null) {
                    try {
                        rs.rows().close();
                    } catch (Exception ignored) {
                        // already logged by the stream, if it cares
                    }
                }
            }
        }
    }

    /** Runs an extended-protocol step; an error sends ErrorResponse and skips to the next Sync. */
    private void extended(ExtendedStep step) {
        try {
            step.run();
        } catch (Throwable e) {
            extendedFailed(null, e);
        }
    }

    @FunctionalInterface
    private interface ExtendedStep {
        void run() throws Exception;
    }

    private void extendedFailed(RawStatement st, Throwable e) {
        if (st != null) {
            statementFailed(st, e);
        } else {
            sendError(Errors.toPgException(e));
            transactions.failed(null);
        }
        if (phase != Phase.CLOSED) {
            phase = Phase.AWAITING_SYNC;
        }
    }

    private void onParse(Parse parse) {
        PgType[] given = new PgType[parse.parameterTypes().size()];
        for (int i = 0; i < given.length; i++) {
            int oid = parse.parameterTypes().get(i);
            if (oid != 0) {
                given[i] = config.types().byOid(oid);
                if (given[i] == null) {
                    throw new PgException(SqlState.UNDEFINED_OBJECT, "type with OID " + Integer.toUnsignedString(oid)
                            + " does not exist");
                }
            }
        }
        createPreparedStatement(parse.name(), parse.sql(), given);
        out.send(Simple.PARSE_COMPLETE);
    }

    /** Parse and PREPARE: one statement, its parameter types given, and the rest inferred from its text. */
    private PreparedStatement createPreparedStatement(String name, String sql, PgType[] given) {
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new PgException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement \"" + name + "\" already exists");
        }
        SqlCache.Analysed analysed = runtime.sqlCache().analyse(sql);
        List<RawStatement> list = analysed.statements();
        if (list.size() > 1) {
            throw new PgException(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        RawStatement st = list.isEmpty() ? null : list.get(0);
        int count = Math.max(given.length, analysed.parameterCount());
        int maxParameters = config.limits().maxParameters();
        if (count > maxParameters) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "prepared statement has " + count
                    + " parameters, more than the limit of " + maxParameters);
        }
        int maxStatements = config.limits().maxPreparedStatements();
        if (!statements.containsKey(name) && statements.size() >= maxStatements) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many prepared statements in this session"
                    + " (the limit is " + maxStatements + "); close or DEALLOCATE some first");
        }
        PgType[] inferred = java.util.Arrays.copyOf(analysed.inferred(), count);
        PreparedStatement ps = new PreparedStatement(name, sql, st, given, inferred);
        statements.put(name, ps);
        return ps;
    }

    /** EXECUTE name (args): the prepared statement run with its arguments, as a Bind and Execute would. */
    private CompletableFuture<QueryResult> executePrepared(RawStatement st) {
        SqlCommands.Execute ex = SqlCommands.execute(st.sql());
        PreparedStatement ps = statement(ex.name());
        if (ex.arguments().size() != ps.parameterCount()) {
            throw PgException.builder(SqlState.SYNTAX_ERROR,
                    "wrong number of parameters for prepared statement \"" + ex.name() + "\"")
                    .detail("Expected " + ps.parameterCount() + " parameters but got " + ex.arguments().size() + ".")
                    .build();
        }
        if (ps.statement == null) {
            return CompletableFuture.completedFuture(QueryResult.command(""));
        }
        List<Object> values = new ArrayList<>(ex.arguments().size());
        for (int i = 0; i < ex.arguments().size(); i++) {
            String arg = ex.arguments().get(i);
            values.add(ParameterDecoder.decode(arg == null ? null : arg.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    (short) 0, ps.types.get(i), config.types(), codecContext(), ex.name(), i + 1));
        }
        return obtainResult(ps.statement, values, ps.types);
    }

    // --- cursors ---------------------------------------------------------------------------------------------------

    private QueryResult declareCursor(RawStatement st, boolean inBlock) {
        SqlCommands.Declare d = SqlCommands.declare(st.sql());
        if (!inBlock && !d.hold()) {
            throw new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (cursors.containsKey(d.name()) || portals.containsKey(d.name())) {
            throw new PgException(SqlState.DUPLICATE_CURSOR, "cursor \"" + d.name() + "\" already exists");
        }
        checkPortalLimit();
        List<RawStatement> query = runtime.sqlCache().analyse(d.query()).statements();
        if (query.size() != 1 || !query.get(0).kind().returnsRows()) {
            throw new PgException(SqlState.SYNTAX_ERROR, "DECLARE CURSOR needs a query that returns rows");
        }
        RawStatement q = query.get(0);
        int offset = st.offset() + st.sql().length() - d.query().length();
        SqlCursor cursor = new SqlCursor(d.name(), new RawStatement(q.sql(), offset + q.offset(), q.kind(),
                q.commandTag()), d.scroll(), d.hold(), d.binary());
        cursor.declaredInBlock = inBlock;
        cursors.put(d.name(), cursor);
        return QueryResult.command("DECLARE CURSOR");
    }

    /** FETCH and MOVE: the cursor's query runs at its first use; rows then stream as the client takes them. */
    private CompletableFuture<QueryResult> fetch(RawStatement st) {
        SqlCommands.Fetch f = SqlCommands.fetch(st.sql());
        SqlCursor cursor = cursors.get(f.cursor());
        if (cursor == null) {
            throw new PgException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + f.cursor() + "\" does not exist");
        }
        CompletableFuture<Void> ready = cursor.isOpen() ? CompletableFuture.completedFuture(null)
                : obtainResult(cursor.query, List.of(), null).thenAccept(cursor::open);
        if (st.kind() == StatementKind.FETCH) {
            return ready.thenApply(v -> {
                fetchBinary = cursor.binary;
                return new QueryResult.Rows(cursor.columns(), cursor.fetch(f.direction(), f.count()), "FETCH");
            });
        }
        return ready.thenCompose(v -> runBlocking(() -> QueryResult.command("MOVE " + cursor.move(f.direction(),
                f.count()))));
    }

    private QueryResult closeCursor(RawStatement st) {
        SqlCommands.Close c = SqlCommands.close(st.sql());
        if (c.name() == null) {
            closeCursors(cursor -> true);
            closeOtherPortals();
            return QueryResult.command("CLOSE CURSOR ALL");
        }
        SqlCursor cursor = cursors.remove(c.name());
        if (cursor != null) {
            cursor.close();
        } else {
            Portal portal = portals.remove(c.name());
            if (portal == null) {
                throw new PgException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + c.name() + "\" does not exist");
            }
            portal.close();
        }
        return QueryResult.command("CLOSE CURSOR");
    }

    private void closeCursors(java.util.function.Predicate<SqlCursor> which) {
        cursors.values().removeIf(cursor -> {
            if (which.test(cursor)) {
                cursor.close();
                return true;
            }
            return false;
        });
    }

    private PreparedStatement statement(String name) {
        PreparedStatement ps = statements.get(name);
        if (ps == null) {
            throw new PgException(SqlState.INVALID_SQL_STATEMENT_NAME, name.isEmpty()
                    ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return ps;
    }

    private void onBind(Bind bind) {
        PreparedStatement ps = statement(bind.statement());
        int expected = ps.parameterCount();
        int given = bind.parameterValues().size();
        int formats = bind.parameterFormats().size();
        if (formats > 1 && formats != given) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION,
                    "bind message has " + formats + " parameter formats but " + given + " parameters");
        }
        if (given > config.limits().maxParameters()) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "bind message has " + given
                    + " parameters, more than the limit of " + config.limits().maxParameters());
        }
        if (given != expected) {
            throw new PgException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + given
                    + " parameters, but prepared statement \"" + ps.name + "\" requires " + expected);
        }
        if (transactions.status() == TransactionStatus.FAILED
                && (ps.statement == null || !TransactionTracker.allowedWhenFailed(ps.statement.kind()))) {
            throw TransactionTracker.inFailedTransaction();
        }
        if (!bind.portal().isEmpty() && portals.containsKey(bind.portal())) {
            throw new PgException(SqlState.DUPLICATE_CURSOR, "cursor \"" + bind.portal() + "\" already exists");
        }
        if (!portals.containsKey(bind.portal())) {
            checkPortalLimit();
        }
        List<Object> values = new ArrayList<>(given);
        CodecContext codecContext = codecContext();
        for (int i = 0; i < given; i++) {
            byte[] raw = bind.parameterValues().get(i);
            short format = formats == 0 ? 0 : bind.parameterFormats().get(formats == 1 ? 0 : i);
            values.add(ParameterDecoder.decode(raw, format, ps.types.get(i), config.types(), codecContext,
                    bind.portal(), i + 1));
        }
        Portal old = portals.remove(bind.portal());
        if (old != null) {
            old.close();
        }
        portals.put(bind.portal(), new Portal(bind.portal(), ps, values, bind.resultFormats()));
        out.send(Simple.BIND_COMPLETE);
    }

    /** Portals and SQL cursors share PostgreSQL's namespace, and the maxPortals limit. */
    private void checkPortalLimit() {
        int max = config.limits().maxPortals();
        if (portals.size() + cursors.size() >= max) {
            throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many open portals and cursors in this"
                    + " session (the limit is " + max + "); close some first");
        }
    }

    private Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    private void onDescribe(Describe describe) {
        if (describe.kind() == 'S') {
            PreparedStatement ps = statement(describe.name());
            CompletableFuture<Description> description = describeStatement(ps);
            Runnable send = () -> {
                Description d;
                try {
                    d = description.join();
                } catch (Throwable e) {
                    extendedFailed(ps.statement, e);
                    return;
                }
                List<Integer> oids = new ArrayList<>(ps.types.size());
                for (PgType t : ps.types) {
                    oids.add(t.oid());
                }
                out.send(new io.pgserve.server.internal.protocol.backend.ParameterDescription(oids));
                out.send(d.returnsRows() ? ps.rowDescription(d.columns(), new boolean[d.columns().size()])
                        : Simple.NO_DATA);
            };
            if (description.isDone()) {
                send.run();
            } else {
                busy = true;
                description.whenComplete((d, e) -> onEventLoop(() -> {
                    send.run();
                    resumeLoop();
                }));
            }
            return;
        }
        Portal portal = portal(describe.name());
        if (portal.statement.statement == null) {
            out.send(Simple.NO_DATA);
            return;
        }
        if (portal.described == null && portal.rows == null) {
            portal.described = obtainResult(portal.statement.statement, portal.parameters, portal.types);
        }
        describeResult(portal.statement.statement, portal.described, portal, false);
    }

    /**
     * A prepared statement's description: the handler's {@link QueryHandler#describe} answer, else (for a
     * statement that returns rows) the columns of a run with NULL parameters. Computed once and kept.
     */
    private CompletableFuture<Description> describeStatement(PreparedStatement ps) {
        if (ps.description != null) {
            return CompletableFuture.completedFuture(ps.description);
        }
        RawStatement st = ps.statement;
        if (st == null) {
            ps.description = Description.command(ps.types);
            return CompletableFuture.completedFuture(ps.description);
        }
        List<Object> nulls = new ArrayList<>(Collections.nCopies(ps.parameterCount(), null));
        boolean sessionStatement = st.kind().isServedBySession() && !handler.handles(st.kind());
        CompletableFuture<Description> fromHandler;
        if (sessionStatement) {
            fromHandler = CompletableFuture.completedFuture(null);
        } else {
            Query query = new Query(st.sql(), st.kind(), st.commandTag(), nulls, ps.types, this, new Cancellation(),
                    transactionMode(st.kind()));
            QueryHandler h = handler; // the field is cleared when the session ends
            fromHandler = onWorkerNow(h) ? runBlocking(() -> h.describe(query))
                    : CompletableFuture.supplyAsync(() -> {
                        try {
                            return h.describe(query);
                        } catch (Exception e) {
                            throw new java.util.concurrent.CompletionException(e);
                        }
                    }, Runnable::run);
        }
        return fromHandler.thenCompose(d -> {
            if (d != null) {
                PgType[] types = d.parameterTypes().toArray(new PgType[0]);
                ps.fromHandler = types;
                ps.types = ParameterTypes.resolve(ps.given, types, ps.inferred);
                return CompletableFuture.completedFuture(d);
            }
            if (!st.kind().returnsRows()) {
                return CompletableFuture.completedFuture(Description.command(ps.types));
            }
            return obtainResult(st, nulls, ps.types).thenApply(r -> {
                if (r instanceof QueryResult.Rows rows) {
                    try {
                        rows.rows().close();
                    } catch (Exception ignored) {
                        // only the columns were wanted
                    }
                    return Description.rows(ps.types, rows.columns());
                }
                return Description.command(ps.types);
            });
        }).thenApply(d -> {
            ps.description = d;
            return d;
        });
    }

    /** Sends RowDescription or NoData once the result is known; waits (busy) when the handler is still running. */
    private void describeResult(RawStatement st, CompletableFuture<QueryResult> result, Portal portal,
                                boolean closeAfter) {
        Runnable send = () -> {
            QueryResult r;
            try {
                r = result.join();
            } catch (Throwable e) {
                if (portal != null) {
                    portal.described = null;
                }
                extendedFailed(st, e);
                return;
            }
            if (r instanceof QueryResult.Rows rows) {
                boolean[] binary = portal == null ? new boolean[rows.columns().size()]
                        : binaryFormats(portal.resultFormats, rows.columns());
                out.send(portal == null ? rowDescription(rows.columns(), binary)
                        : portal.statement.rowDescription(rows.columns(), binary));
                if (closeAfter) {
                    try {
                        rows.rows().close();
                    } catch (Exception ignored) {
                        // describing only
                    }
                }
            } else {
                out.send(Simple.NO_DATA);
            }
        };
        if (result.isDone()) {
            send.run();
        } else {
            busy = true;
            result.whenComplete((r, e) -> onEventLoop(() -> {
                send.run();
                resumeLoop();
            }));
        }
    }

    /** Bind's result-format codes per column (none = text, one = all, else each); binary only where supported. */
    private boolean[] binaryFormats(List<Short> formats, List<Column> columns) {
        boolean[] binary = new boolean[columns.size()];
        for (int i = 0; i < binary.length; i++) {
            short f = formats.isEmpty() ? 0 : formats.get(formats.size() == 1 ? 0 : Math.min(i, formats.size() - 1));
            if (f == 1) {
                io.pgserve.server.types.Codec codec = config.types().codec(columns.get(i).type());
                binary[i] = codec != null && codec.supportsBinary();
            }
        }
        return binary;
    }

    private void onExecute(Execute execute) {
        Portal portal = portal(execute.portal());
        RawStatement st = portal.statement.statement;
        if (st == null) {
            out.send(Simple.EMPTY_QUERY_RESPONSE);
            return;
        }
        if (portal.completed) {
            out.send(new CommandComplete(portal.rows.completedTag(0)));
            return;
        }
        busy = true;
        startStatementTimer();
        CompletableFuture<Boolean> step;
        if (portal.pump != null) {
            step = new CompletableFuture<>();
            runPump(st, portal.pump, portal.rows, execute.maxRows(), portal, step);
        } else if (portal.described != null) {
            // Describe already ran the statement to learn its columns; its result is this Execute's.
            CompletableFuture<QueryResult> result = portal.described;
            portal.described = null;
            step = deliver(st, result, false, execute.maxRows(), portal);
        } else {
            List<PgType> types = portal.types;
            step = deliver(st, obtainResult(st, portal.parameters, types), false, execute.maxRows(), portal);
        }
        step.whenComplete((ok, e) -> onEventLoop(() -> {
            stopStatementTimer();
            if (!Boolean.TRUE.equals(ok) && phase != Phase.CLOSED) {
                phase = Phase.AWAITING_SYNC;
            }
            resumeLoop();
        }));
    }

    private void onClose(Close close) {
        if (close.kind() == 'S') {
            statements.remove(close.name());
        } else {
            Portal p = portals.remove(close.name());
            if (p != null) {
                p.close();
            }
        }
        out.send(Simple.CLOSE_COMPLETE);
    }

    /** Sync ends the batch's implicit transaction (and its portals); {@code success} is false after an error. */
    private void onSync(boolean success) {
        endImplicitThen(success, () -> {
            if (transactions.status() == TransactionStatus.IDLE) {
                closeAllPortals();
            }
            readyForQuery();
        });
    }

    /**
     * CLOSE ALL and DISCARD ALL: every portal but the unnamed one, where the statement itself runs (through the
     * extended protocol, Describe may already have run it); PostgreSQL also spares the active portal.
     */
    private void closeOtherPortals() {
        portals.values().removeIf(p -> {
            if (portals.get("") == p) {
                return false;
            }
            p.close();
            return true;
        });
    }

    private void closeAllPortals() {
        for (Portal p : portals.values()) {
            p.close();
        }
        portals.clear();
    }

    // --- replies -----------------------------------------------------------------------------------------------

    private void readyForQuery() {
        if (phase == Phase.CLOSED) {
            return; // a FATAL error ended the session
        }
        if (parameters != null) {
            for (Map.Entry<String, String> p : parameters.drainChangedReported()) {
                out.send(new ParameterStatus(p.getKey(), p.getValue()));
            }
        }
        if (transactions.status() == TransactionStatus.IDLE && phase == Phase.READY) {
            closeAllPortals();
            sendPendingNotifications();
        }
        stopStatementTimer();
        out.send(new ReadyForQuery(transactions.status()));
        out.flush();
        busy = false;
        if (shuttingDown) {
            fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            return;
        }
        startIdleTimer();
        // Messages the client pipelined behind this one are next (a no-op when called from within the loop).
        drain();
    }

    private void sendError(PgException error) {
        if (log.isDebugEnabled()) {
            log.debug("-> {}", error.toString());
        }
        out.send(ErrorOrNotice.error(error));
    }

    /** Sends an ErrorResponse with severity FATAL and closes the connection once it is written. */
    private void fatal(PgException error) {
        if (phase == Phase.CLOSED) {
            return;
        }
        out.send(ErrorOrNotice.error(error.withSeverity(PgException.Severity.FATAL)));
        phase = Phase.CLOSED;
        busy = true;
        releaseInbox();
        out.closeAfterPending();
        ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(f -> lingeringClose());
    }

    /**
     * Closes after a FATAL error so that the client reads it: closing a socket with unread input makes the kernel
     * send a reset, which can overtake the error. So: half-close (FIN after the error), keep discarding input until
     * the client closes, and close anyway after a second.
     */
    private void lingeringClose() {
        if (ctx.channel() instanceof io.netty.channel.socket.DuplexChannel duplex && duplex.isActive()) {
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> {
                ctx.close();
            }, 1, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            ctx.close();
        }
    }

    private void close() {
        if (phase == Phase.CLOSED && !ctx.channel().isActive()) {
            return;
        }
        phase = Phase.CLOSED;
        busy = true;
        out.flush();
        ctx.close();
    }

    /** Releases everything the session holds; the transaction is gone with it. Event loop. */
    private void endSession() {
        if (copyIn != null) {
            CopyInProgress copy = copyIn;
            copyIn = null;
            if (!copy.finishing) { // else finish() runs: what it commits stands (as after CopyDone in PostgreSQL)
                abortCopy(copy, new PgException(SqlState.CONNECTION_FAILURE, "connection closed during COPY"));
            }
            copy.done.complete(false);
        }
        phase = Phase.CLOSED;
        ended = true;
        stopIdleTimer();
        stopStatementTimer();
        stopAuthTimer();
        stopStallTimer();
        if (admitted) {
            admitted = false;
            runtime.release();
        }
        cancelRunningStatement();
        RowPump parked = parkedPump;
        parkedPump = null;
        List<Portal> openPortals = new ArrayList<>(portals.values());
        portals.clear();
        List<SqlCursor> openCursors = new ArrayList<>(cursors.values());
        cursors.clear();
        statements.clear();
        unlisten(null);
        releaseInbox();
        out.discard();
        QueryHandler h = handler;
        handler = null;
        // Row streams and the handler are closed on the worker, after the call that may still run there (cancelled
        // above): a handler is never called by two threads at once. A non-blocking handler with nothing under way
        // on the worker is closed here, without a thread switch.
        Runnable cleanup = () -> {
            if (parked != null) {
                parked.finish(new PgException(SqlState.CONNECTION_FAILURE, "connection closed"));
            }
            openPortals.forEach(Portal::close);
            openCursors.forEach(SqlCursor::close);
            if (h != null) {
                try {
                    h.close();
                } catch (Exception e) {
                    log.warn("Handler close failed", e);
                }
            }
        };
        if ((h == null || !h.isBlocking()) && worker.isIdle()) {
            cleanup.run();
        } else {
            onWorker(cleanup);
        }
        runtime.unregister(this); // last: a session counted is one whose resources are not all released yet
    }

    /** Runs {@code task} on this session's worker, after its current call; inline once the executor is shut down. */
    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RuntimeException rejected) {
            task.run();
        }
    }

    /**
     * Server shutdown: an idle session is told 57P01 and closed now; a busy one when its statement is done.
     * Any thread.
     */
    public void shutdown() {
        ctx.executor().execute(() -> {
            shuttingDown = true;
            if (!busy || phase == Phase.STARTUP || phase == Phase.AUTHENTICATING) {
                fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            }
        });
    }

    /** Whether the session has ended (its connection closed). Any thread. */
    public boolean hasEnded() {
        return ended;
    }

    /** Server shutdown timed out: cancel whatever runs and close. Any thread. */
    public io.netty.util.concurrent.Future<?> forceClose() {
        return ctx.executor().submit(() -> {
            fatal(new PgException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command"));
            cancelRunningStatement();
        });
    }

    /** The error a cancelled statement ends with: 57014, for a CancelRequest or a statement timeout. */
    PgException cancellationError() {
        return timedOut ? Errors.statementTimeout() : Errors.queryCanceled();
    }

    /** Cancels the statement in progress, if any (CancelRequest, shutdown). Any thread. */
    public void cancelRunningStatement() {
        Cancellation c = running;
        if (c == null) {
            return;
        }
        c.cancel();
        synchronized (this) {
            if (runningThread != null) {
                runningThread.interrupt();
            }
        }
        // A pump parked on a full channel must wake up to notice.
        ctx.executor().execute(() -> {
            if (parkedPump != null) {
                RowPump p = parkedPump;
                parkedPump = null;
                p.resume();
            }
        });
    }

    // --- threads -------------------------------------------------------------------------------------------------

    /** Runs a task that does not block here, on the event loop, as a future like {@link #runBlocking}'s. */
    private static <T> CompletableFuture<T> callNow(java.util.concurrent.Callable<T> task) {
        try {
            return CompletableFuture.completedFuture(task.call());
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private <T> CompletableFuture<T> runBlocking(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                enterContext();
                try {
                    completeOnLoop(f, task.call(), null);
                } catch (Throwable t) {
                    completeOnLoop(f, null, t);
                } finally {
                    leaveContext();
                }
            });
        } catch (RuntimeException rejected) {
            f.completeExceptionally(rejected);
        }
        return f;
    }

    /**
     * Completes {@code f} through the event loop's task queue (at once when already on it): whatever a worker
     * thread wrote or sent before is queued ahead, so it reaches the client before what the session sends next.
     */
    private <T> void completeOnLoop(CompletableFuture<T> f, T value, Throwable error) {
        Runnable r = () -> {
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(value);
            }
        };
        if (ctx.executor().inEventLoop()) {
            r.run();
        } else {
            ctx.executor().execute(r);
        }
    }

    private void onEventLoop(Runnable r) {
        if (ctx.executor().inEventLoop()) {
            enterContext();
            try {
                r.run();
            } catch (Throwable t) {
                log.error("Unexpected failure", t);
                fatal(new PgException(SqlState.INTERNAL_ERROR, String.valueOf(t.getMessage())));
            } finally {
                leaveContext();
            }
        } else {
            ctx.executor().execute(() -> onEventLoop(r));
        }
    }

    /**
     * Puts the connection id, remote address and user in the logging MDC for this thread. Re-entrant and cheap when
     * this connection's context is already installed on the thread (a message loop calls into the handler, which
     * completes on the loop...): only the outermost enter and leave touch the MDC. A different connection entered
     * inside (a notification delivered on the same event loop) installs its own and restores this one on leave.
     */
    void enterContext() {
        LogContext c = LOG_CONTEXT.get();
        if (c.owner == this) {
            c.depth++;
            return;
        }
        if (c.owner != null) {
            c.outer.push(c.owner);
            c.outerDepths.push(c.depth);
        }
        c.owner = this;
        c.depth = 1;
        installMdc();
    }

    void leaveContext() {
        LogContext c = LOG_CONTEXT.get();
        if (c.owner != this) {
            return; // not entered on this thread (unbalanced): nothing of ours to take down
        }
        if (--c.depth > 0) {
            return;
        }
        PgConnection outer = c.outer.poll();
        if (outer != null) {
            c.owner = outer;
            c.depth = c.outerDepths.pop();
            outer.installMdc();
        } else {
            c.owner = null;
            MDC.remove("connection");
            MDC.remove("remote");
            MDC.remove("user");
        }
    }

    /** The user became known: in the MDC from now on (the context of this connection is the thread's). */
    private void userKnown() {
        if (LOG_CONTEXT.get().owner == this) {
            MDC.put("user", user);
        }
    }

    private void installMdc() {
        MDC.put("connection", connectionId);
        MDC.put("remote", remote);
        if (user != null) {
            MDC.put("user", user);
        } else {
            MDC.remove("user");
        }
    }

    /** Which connection's logging context a thread has installed, and how many enters deep. */
    private static final class LogContext {
        PgConnection owner;
        int depth;
        /** Connections whose context a nested enter of another one replaced, innermost first. */
        final ArrayDeque<PgConnection> outer = new ArrayDeque<>(2);
        final ArrayDeque<Integer> outerDepths = new ArrayDeque<>(2);
    }

    private static final io.netty.util.concurrent.FastThreadLocal<LogContext> LOG_CONTEXT =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected LogContext initialValue() {
                    return new LogContext();
                }
            };

    // --- SessionContext -----------------------------------------------------------------------------------------

    @Override
    public String user() {
        return user;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public Map<String, String> startupParameters() {
        return startupParameters;
    }

    @Override
    public Optional<String> parameter(String name) {
        if (parameters == null) {
            return Optional.empty();
        }
        // no hop to the event loop (SessionParameters are concurrent): a handler reads several per statement
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public String setParameter(String name, String value, boolean local) {
        java.util.concurrent.Callable<String> set = () -> {
            if (parameters == null) {
                throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the session has not started");
            }
            parameters.set(name, value, local, transactions.status() != TransactionStatus.IDLE);
            return parameters.get(name);
        };
        try {
            return ctx.executor().inEventLoop() ? set.call() : ctx.executor().submit(set).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public TypeRegistry types() {
        return config.types();
    }

    /** The session's encoding settings, remade only when a parameter changed. Any thread. */
    @Override
    public CodecContext codecContext() {
        Codecs c = codecs;
        int version = parameters.version();
        if (c == null || c.version() != version) {
            c = new Codecs(version, CodecContext.of(parameters.get("TimeZone"), parameters.get("DateStyle"),
                    parameters.get("IntervalStyle"), parameters.get("extra_float_digits"),
                    parameters.get("bytea_output")));
            codecs = c;
        }
        return c.context();
    }

    /** The codec settings as of a version of the parameters: replaced, never changed (read by handler threads). */
    private record Codecs(int version, CodecContext context) {
    }

    @Override
    public TransactionStatus transactionStatus() {
        return transactions.status();
    }

    @Override
    public SocketAddress remoteAddress() {
        return ctx.channel().remoteAddress();
    }

    @Override
    public boolean isSecure() {
        return tls;
    }

    @Override
    public void sendNotice(PgException notice) {
        onEventLoop(() -> sendNoticeNow(notice));
    }

    private void sendNoticeNow(PgException notice) {
        PgException n = notice.severity() == PgException.Severity.ERROR || notice.severity()
                == PgException.Severity.FATAL ? notice.withSeverity(PgException.Severity.WARNING) : notice;
        out.send(ErrorOrNotice.notice(n));
        if (!busy) {
            out.flush();
        }
    }

    @Override
    public void sendParameterStatus(String name, String value) {
        onEventLoop(() -> {
            out.send(new ParameterStatus(name, value));
            if (!busy) {
                out.flush();
            }
        });
    }

    @Override
    public void sendNotification(int senderProcessId, String channel, String payload) {
        onEventLoop(() -> {
            out.send(new NotificationResponse(senderProcessId, channel, payload));
            if (!busy) {
                out.flush();
            }
        });
    }

    @Override
    public String toString() {
        return "PgConnection[" + processId + ", " + remote + ", user=" + user + "]";
    }
}
