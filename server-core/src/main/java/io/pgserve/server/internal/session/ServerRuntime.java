package io.pgserve.server.internal.session;

import io.pgserve.server.internal.auth.MockAuthNonce;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The state shared by a server's sessions: configuration, live sessions by process id, randomness. */
public final class ServerRuntime {
    private final ServerConfig config;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, PgConnection> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId;
    private final MockAuthNonce mockNonce;
    private final SqlCache sqlCache;
    private final NotificationBroker notifications = new NotificationBroker();
    /** Sessions admitted under max_connections. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final AuthRateLimiter authRateLimiter;
    /** The server is closing: new sessions are refused with 57P03. */
    private volatile boolean shuttingDown;
    /** The TLS context new connections use; replaced by a certificate reload. */
    private volatile io.netty.handler.ssl.SslContext sslContext;

    public ServerRuntime(ServerConfig config) {
        this.config = config;
        // Process ids look like PostgreSQL's (positive, a few digits); they start at a random point so that two
        // servers in one test run do not hand out the same ids.
        this.nextProcessId = new AtomicInteger(10_000 + random.nextInt(50_000));
        this.mockNonce = MockAuthNonce.random(random);
        this.sqlCache = new SqlCache(config.types());
        this.sslContext = config.sslContext();
        this.authRateLimiter = new AuthRateLimiter(config.limits().authFailureLimit(),
                config.limits().authFailureWindow());
    }

    /** Takes one of the max_connections slots; false when none is free. Any thread. */
    boolean admit() {
        int max = config.limits().maxConnections();
        while (true) {
            int n = admitted.get();
            if (n >= max) {
                return false;
            }
            if (admitted.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot taken by {@link #admit()}. */
    void release() {
        admitted.decrementAndGet();
    }

    /** From now on, a startup packet is answered FATAL 57P03 "the database system is shutting down". */
    public void beginShutdown() {
        shuttingDown = true;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    AuthRateLimiter authRateLimiter() {
        return authRateLimiter;
    }

    public ServerConfig config() {
        return config;
    }

    /** The per-server secret from which unknown users get stable fake SCRAM salts. */
    MockAuthNonce mockNonce() {
        return mockNonce;
    }

    /** The TLS context for new connections, or null without TLS. */
    public io.netty.handler.ssl.SslContext sslContext() {
        return sslContext;
    }

    /** Uses {@code context} for connections from now on (those open keep theirs). */
    public void sslContext(io.netty.handler.ssl.SslContext context) {
        this.sslContext = context;
    }

    NotificationBroker notifications() {
        return notifications;
    }

    /** Delivers a notification to every session listening on {@code channel}, as NOTIFY does. Any thread. */
    public void notify(int senderProcessId, String channel, String payload) {
        notifications.publish(senderProcessId, channel, payload);
    }

    /** The number of (channel, session) LISTEN registrations, for tests that check sessions leave none behind. */
    public int listenRegistrations() {
        return notifications.registrations();
    }

    SqlCache sqlCache() {
        return sqlCache;
    }

    SecureRandom random() {
        return random;
    }

    int newProcessId() {
        int id;
        do {
            id = nextProcessId.getAndIncrement();
            if (id <= 0) {
                nextProcessId.set(10_000);
            }
        } while (id <= 0 || sessions.containsKey(id));
        return id;
    }

    void register(PgConnection connection) {
        sessions.put(connection.processId(), connection);
    }

    void unregister(PgConnection connection) {
        sessions.remove(connection.processId(), connection);
    }

    public Collection<PgConnection> sessions() {
        return sessions.values();
    }

    /**
     * Honours a CancelRequest: only the exact (process id, secret key) pair cancels, the comparison is
     * constant-time, and an unknown pair is ignored silently, as in PostgreSQL.
     */
    void cancel(int processId, byte[] secretKey) {
        PgConnection target = sessions.get(processId);
        byte[] expected = target == null ? new byte[secretKey.length] : target.secretKey();
        boolean match = MessageDigest.isEqual(expected, secretKey) && target != null;
        if (match) {
            target.cancelRunningStatement();
        }
    }
}
