package io.pgserve.testing;

import io.pgserve.engine.SqlEngine;
import io.pgserve.engine.memdb.MemDb;
import io.pgserve.server.PgException;
import io.pgserve.server.PgServer;
import io.pgserve.server.auth.AuthMethod;
import io.pgserve.server.auth.CredentialStore;
import io.pgserve.testing.internal.DriverManagerDataSource;
import io.pgserve.testing.internal.ParameterValues;
import io.pgserve.testing.internal.SqlScripts;

import javax.sql.DataSource;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A PostgreSQL for integration tests, in the same JVM: a pgserve server on 127.0.0.1 and a free port, backed by
 * an in-memory database (memdb), with stubs layered on top. The application under test connects with its real
 * driver, pool and ORM.
 *
 * <pre>{@code
 * import static io.pgserve.testing.Stubbing.*;
 *
 * try (PgTestServer pg = new PgTestServer().start()) {
 *     pg.execute("CREATE TABLE users (id int PRIMARY KEY, name text)");   // or .seed("classpath:db/migration")
 *     RestorePoint clean = pg.restorePoint();
 *     pg.stubFor(sql("SELECT count(*) FROM orders").willReturn(rows(column("count", PgType.INT8)).row(3L)));
 *
 *     app.run(pg.jdbcUrl(), pg.user(), pg.password());                   // statements without a stub hit memdb
 *
 *     pg.verify(2, sql("INSERT INTO users (id, name) VALUES ($1, $2)"));
 *     pg.verify(1, sql("INSERT INTO users (id, name) VALUES ($1, $2)").withParameters(1, "ada"));
 *     clean.restore();                                                   // the table is empty again
 * }
 * }</pre>
 *
 * <h2>Matching</h2>
 * Each statement the server runs (one per statement of a simple query, one per Execute of the extended protocol) is
 * recorded, then answered by the most recently added stub that matches it. Statements no stub matches run against
 * the in-memory database, or, with {@link Builder#strict()}, fail with SQLSTATE XX000 and a report of the closest
 * stubs (and are listed by {@link #unmatched()}). Transaction control (BEGIN, COMMIT...) always reaches the
 * database unless a stub matches it; session statements (SET, SHOW) are answered by the server itself.
 *
 * <h2>Threads</h2>
 * All methods are thread-safe; each instance has its own port, stubs, records and database, so tests running in
 * parallel each use their own.
 */
public final class PgTestServer implements AutoCloseable {
    private final Builder config;
    private final MemDb memDb;
    private final SqlEngine engine;
    private final List<Stub> stubs = new CopyOnWriteArrayList<>();
    private final List<ReceivedStatement> received = new ArrayList<>();
    private final List<ReceivedStatement> unmatched = new ArrayList<>();
    private final java.util.Queue<StubResponse> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final RestorePoint baseline;
    private volatile PgServer server;
    private volatile boolean closed;

    /** A double with the defaults: user and database {@code test}, no password, unmatched statements to memdb. */
    public PgTestServer() {
        this(new Builder());
    }

    private PgTestServer(Builder config) {
        this.config = config;
        this.memDb = new MemDb();
        this.engine = new SqlEngine(memDb);
        for (String location : config.seeds) {
            seed(location);
        }
        this.baseline = restorePoint();
        resetStubs();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening (on a free port of 127.0.0.1 unless configured otherwise). Returns this server. */
    public synchronized PgTestServer start() {
        if (closed) {
            throw new IllegalStateException("this server was closed; create a new one");
        }
        if (server != null) {
            return this;
        }
        PgServer.Builder b = PgServer.builder()
                .host(config.host)
                .port(config.port)
                .serverVersion(config.serverVersion)
                .shutdownTimeout(Duration.ofMillis(200))
                .handler(session -> new StubbingHandler(this, engine.create(session), session));
        if (config.password != null) {
            b.authentication(config.authMethod, CredentialStore.builder().iterations(4096)
                    .user(config.user, config.password).build());
        }
        if (config.certificate != null) {
            b.tls(config.certificate, config.privateKey);
        }
        if (config.customizer != null) {
            config.customizer.accept(b);
        }
        server = b.build().start();
        return this;
    }

    /** Stops the server (open connections are closed); the instance cannot be started again. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.close();
        }
    }

    /** Whether {@link #start()} was called and {@link #close()} not. */
    public boolean isRunning() {
        return server != null && !closed;
    }

    // --- where to connect ----------------------------------------------------------------------------------

    public String host() {
        return config.host;
    }

    /** The port the server listens on. */
    public int port() {
        return running().port();
    }

    public String user() {
        return config.user;
    }

    /** The password, or {@code null} when every client is trusted. */
    public String password() {
        return config.password;
    }

    public String database() {
        return config.database;
    }

    /**
     * {@code jdbc:postgresql://127.0.0.1:<port>/<database>?user=<user>[&password=<password>]}: enough on its own for
     * {@code DriverManager.getConnection(url)} and pools.
     */
    public String jdbcUrl() {
        PgConnectionInfo c = connectionInfo();
        return c.jdbcUrl() + "?user=" + encode(c.user()) + (c.password() == null ? "" : "&password="
                + encode(c.password()));
    }

    /** Host, port, database, user and password. */
    public PgConnectionInfo connectionInfo() {
        return new PgConnectionInfo(config.host, port(), config.database, config.user, config.password);
    }

    /**
     * A {@link DataSource} opening a new connection per call through {@code DriverManager}: the test's class path
     * must have a PostgreSQL JDBC driver. Wrap it in a pool for anything but a few connections.
     */
    public DataSource dataSource() {
        PgConnectionInfo c = connectionInfo();
        return new DriverManagerDataSource(c.jdbcUrl(), c.user(), c.password());
    }

    /** The underlying server: its live sessions, notifications and the rest of {@link PgServer}'s API. */
    public PgServer pgServer() {
        return running();
    }

    // --- data -------------------------------------------------------------------------------------------------

    /**
     * Runs SQL (any number of statements, one transaction) against the in-memory database directly, without a
     * connection, stubs or recording. Session statements (SET, SHOW...) are skipped.
     *
     * @throws IllegalStateException naming the failing statement and its error
     */
    public PgTestServer execute(String sql) {
        SqlScripts.run(engine.newSession(), new SqlScripts.Script("SQL", sql));
        return this;
    }

    /**
     * Runs the SQL scripts at {@code location}, as {@link #execute} does, one transaction per script: a file or a
     * folder, {@code classpath:db/migration} or {@code filesystem:src/test/sql}; a folder's files are run in
     * migration order (Flyway's {@code V1__}, {@code V1.1__}, {@code V2__} by version, other names in natural order,
     * then {@code R__} repeatables).
     */
    public PgTestServer seed(String location) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (SqlScripts.Script script : SqlScripts.find(location,
                loader != null ? loader : PgTestServer.class.getClassLoader())) {
            SqlScripts.run(engine.newSession(), script);
        }
        return this;
    }

    /** A restore point of the database's committed state now; see {@link RestorePoint}. */
    public RestorePoint restorePoint() {
        return new RestorePoint(this, memDb.snapshot());
    }

    /** Puts the database back to {@code point}, taken from this server. */
    public void restore(RestorePoint point) {
        if (point.server() != this) {
            throw new IllegalArgumentException("a restore point of another server");
        }
        memDb.restore(point.snapshot());
    }

    /** Puts the database back to its state when the server was built: empty, or as the builder's seeds left it. */
    public void restoreSeeded() {
        restore(baseline);
    }

    /** The SQL engine over the in-memory database, e.g. to register functions. */
    public SqlEngine engine() {
        return engine;
    }

    // --- stubs ------------------------------------------------------------------------------------------------

    /** Adds a stub; it takes precedence over those added before it. Returns it, to read its call count. */
    public Stub stubFor(Stub stub) {
        stubs.add(0, Objects.requireNonNull(stub, "stub"));
        return stub;
    }

    /**
     * Queues responses, as MockWebServer does: each answers one next statement that no stub matches (transaction
     * control excepted), in order. With the queue empty, such statements go to the database (or fail, when strict).
     *
     * <pre>{@code
     * pg.enqueue(rows(column("id", PgType.INT8)).row(1L), command("UPDATE", 1));
     * }</pre>
     */
    public void enqueue(StubResponse... responses) {
        for (StubResponse r : responses) {
            queue.add(Objects.requireNonNull(r, "response"));
        }
    }

    /** Removes a stub. */
    public void removeStub(Stub stub) {
        stubs.remove(stub);
    }

    /** The stubs, newest (first to be tried) first. */
    public List<Stub> stubs() {
        return List.copyOf(stubs);
    }

    /**
     * Removes every stub added with {@link #stubFor}; those given to the {@link Builder#stub builder} stay, with
     * their call counts zeroed.
     */
    public void resetStubs() {
        synchronized (stubs) {
            stubs.clear();
            for (Stub stub : config.stubs) {
                stub.resetCount();
                stubs.add(0, stub);
            }
        }
    }

    /**
     * Forgets the statements received so far (and unmatched ones) and the queued responses, and zeroes the stubs'
     * call counts.
     */
    public void resetReceived() {
        synchronized (received) {
            received.clear();
            unmatched.clear();
        }
        queue.clear();
        for (Stub s : stubs) {
            s.resetCount();
        }
    }

    /** {@link #resetStubs()} and {@link #resetReceived()}. The database is left as it is (see {@link #restoreSeeded()}). */
    public void reset() {
        resetStubs();
        resetReceived();
    }

    // --- verification ---------------------------------------------------------------------------------------

    /** Every statement received, in order. */
    public List<ReceivedStatement> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The statements received that match {@code pattern}, in order. */
    public List<ReceivedStatement> findAll(StatementPattern pattern) {
        List<ReceivedStatement> out = new ArrayList<>();
        for (ReceivedStatement r : received()) {
            if (pattern.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** How many statements received match {@code pattern}. */
    public int count(StatementPattern pattern) {
        return findAll(pattern).size();
    }

    /** Checks that at least one statement received matches {@code pattern}. */
    public void verify(StatementPattern pattern) {
        int n = count(pattern);
        if (n == 0) {
            throw new VerificationException(report("Expected at least one statement matching " + pattern
                    + ", but received none.", pattern));
        }
    }

    /** Checks that exactly {@code times} statements received match {@code pattern} (0: never). */
    public void verify(int times, StatementPattern pattern) {
        int n = count(pattern);
        if (n != times) {
            throw new VerificationException(report("Expected exactly " + times + " statement" + (times == 1 ? "" : "s")
                    + " matching " + pattern + ", but received " + n + ".", pattern));
        }
    }

    /** The statements strict mode refused because no stub matched them. */
    public List<ReceivedStatement> unmatched() {
        synchronized (received) {
            return List.copyOf(unmatched);
        }
    }

    /** Fails, listing each with its closest stubs, when strict mode refused any statement. */
    public void verifyNoUnmatched() {
        List<ReceivedStatement> list = unmatched();
        if (list.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder(list.size() + " statement" + (list.size() == 1 ? "" : "s")
                + " matched no stub:");
        for (ReceivedStatement r : list) {
            out.append("\n\n  ").append(r).append(nearStubs(r));
        }
        throw new VerificationException(out.toString());
    }

    private String report(String headline, StatementPattern pattern) {
        List<ReceivedStatement> all = received();
        StringBuilder out = new StringBuilder(headline);
        List<ReceivedStatement> matching = new ArrayList<>();
        List<Candidate> misses = new ArrayList<>();
        for (ReceivedStatement r : all) {
            StatementPattern.NearMiss m = pattern.nearMiss(r);
            if (m.distance() == 0) {
                matching.add(r);
            } else {
                misses.add(new Candidate(r.toString(), m));
            }
        }
        if (!matching.isEmpty()) {
            out.append("\nMatching statements:");
            for (ReceivedStatement r : matching) {
                out.append("\n  ").append(r);
            }
        }
        appendClosest(out, "\nClosest statements received (of " + all.size() + "):", misses);
        if (all.isEmpty()) {
            out.append("\nNo statement was received.");
        }
        return out.toString();
    }

    private record Candidate(String what, StatementPattern.NearMiss miss) {
    }

    private static void appendClosest(StringBuilder out, String title, List<Candidate> candidates) {
        candidates.sort(Comparator.comparingDouble(c -> c.miss().distance()));
        int shown = 0;
        for (Candidate c : candidates) {
            if (shown == 3 || (shown > 0 && c.miss().distance() > 0.6)) {
                break;
            }
            out.append(shown == 0 ? title : "").append("\n  ").append(++shown).append(". ").append(c.what())
                    .append("\n      ").append(c.miss().reason());
        }
    }

    private String nearStubs(ReceivedStatement r) {
        List<Candidate> candidates = new ArrayList<>();
        for (Stub s : stubs) {
            candidates.add(new Candidate(s.toString(), s.pattern().nearMiss(r)));
        }
        StringBuilder out = new StringBuilder();
        appendClosest(out, "\nClosest stubs:", candidates);
        if (candidates.isEmpty()) {
            out.append("\nThere are no stubs.");
        }
        return out.toString();
    }

    // --- called by the sessions -------------------------------------------------------------------------------

    boolean isStrict() {
        return config.strict;
    }

    /** The newest stub matching {@code r}; parameters are ignored when describing (they are not bound yet). */
    Stub findStub(ReceivedStatement r, boolean withParameters) {
        for (Stub s : stubs) {
            StatementPattern p = s.pattern();
            if (withParameters ? p.matches(r) : p.matchesText(r)) {
                return s;
            }
        }
        return null;
    }

    /** The next queued response, taken ({@code take}) or only looked at; null when none. */
    StubResponse queued(boolean take) {
        return take ? queue.poll() : queue.peek();
    }

    void record(ReceivedStatement r) {
        synchronized (received) {
            received.add(r);
        }
    }

    /** Records a statement strict mode refuses, and the error the client gets for it. */
    PgException unmatched(ReceivedStatement r) {
        synchronized (received) {
            unmatched.add(r);
        }
        return PgException.builder("XX000", "pgserve-testing: no stub matches this statement (strict mode)")
                .detail(r.normalizedSql() + (r.parameters().isEmpty() ? ""
                        : "\nparameters: " + ParameterValues.show(r.parameters())) + nearStubs(r))
                .hint("Add a stub for it with stubFor(...), or let unmatched statements run against the in-memory "
                        + "database (the default).")
                .build();
    }

    private PgServer running() {
        PgServer s = server;
        if (s == null) {
            throw new IllegalStateException("the server is not started: call start()");
        }
        return s;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        PgServer s = server;
        return "PgTestServer[" + (s == null ? "not started" : config.host + ":" + s.port()) + "]";
    }

    /**
     * Configures a {@link PgTestServer}.
     *
     * <pre>{@code
     * PgTestServer pg = PgTestServer.builder()
     *         .user("app").password("secret")            // SCRAM-SHA-256 unless authentication(...) says otherwise
     *         .seed("classpath:db/migration")            // run as plain SQL, in migration order
     *         .strict()                                   // statements without a stub fail, with a near-miss report
     *         .start();
     * }</pre>
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String user = "test";
        private String password;
        private String database = "test";
        private AuthMethod authMethod = AuthMethod.SCRAM_SHA_256;
        private File certificate;
        private File privateKey;
        private String serverVersion = "16.6";
        private boolean strict;
        private final List<String> seeds = new ArrayList<>();
        private final List<Stub> stubs = new ArrayList<>();
        private Consumer<PgServer.Builder> customizer;

        private Builder() {
        }

        /** The user clients connect as; default {@code test}. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** Requires this password of {@link #user} (SCRAM-SHA-256 by default); default none (trust). */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** How the password is checked: PASSWORD, MD5 or SCRAM_SHA_256 (the default). */
        public Builder authentication(AuthMethod method) {
            this.authMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The database name in URLs; default {@code test} (the server accepts any). */
        public Builder database(String database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** TLS with a PEM certificate chain and PKCS#8 key (clients may then use sslmode=require). */
        public Builder tls(File certificateChain, File privateKey) {
            this.certificate = Objects.requireNonNull(certificateChain, "certificateChain");
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /** The server_version clients are told; default "16.6". */
        public Builder serverVersion(String version) {
            this.serverVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** The address to listen on; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; default 0, a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Statements no stub matches fail (XX000, with the closest stubs) instead of running against memdb. */
        public Builder strict() {
            this.strict = true;
            return this;
        }

        /** Whether unmatched statements fail (true) or run against memdb (false, the default). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** SQL scripts to run when the server is built, in the order given; see {@link PgTestServer#seed}. */
        public Builder seed(String... locations) {
            seeds.addAll(List.of(locations));
            return this;
        }

        /**
         * Stubs every server built from this builder starts with, and keeps across {@link #resetStubs()}; their
         * call counts are per server only if servers built from one builder do not run at the same time.
         */
        public Builder stub(Stub... stubs) {
            this.stubs.addAll(List.of(stubs));
            return this;
        }

        /** Anything else of the underlying {@link PgServer.Builder} (limits, parameters, wire traces...). */
        public Builder configure(Consumer<PgServer.Builder> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** A server, seeded and stubbed but not started. */
        public PgTestServer build() {
            return new PgTestServer(this);
        }

        /** {@link #build()}, then {@link PgTestServer#start()}. */
        public PgTestServer start() {
            return build().start();
        }
    }
}
