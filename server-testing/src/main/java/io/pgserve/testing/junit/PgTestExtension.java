package io.pgserve.testing.junit;

import io.pgserve.server.auth.AuthMethod;
import io.pgserve.testing.PgConnectionInfo;
import io.pgserve.testing.PgTestServer;
import io.pgserve.testing.StatementPattern;
import io.pgserve.testing.Stub;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import javax.sql.DataSource;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The JUnit 5 extension behind {@link PgTest}, and its programmatic form: register it in a field, built with
 * {@link #builder()}. In a {@code static} field it runs one server for the class (stubs and records reset before
 * each test, data restored to the state after seeding); in an instance field, one server per test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static PgTestExtension pg = PgTestExtension.builder()
 *         .user("app").password("secret")
 *         .seed("classpath:db/migration")
 *         .stub(sql("SELECT version()").willReturn(rows(column("version", PgType.TEXT)).row("PostgreSQL 16.6")))
 *         .build();
 *
 * @Test
 * void placesAnOrder() {
 *     new OrderService(pg.dataSource()).place(42);
 *     pg.verify(1, sql("INSERT INTO orders (customer) VALUES ($1)").withParameters(42));
 * }
 * }</pre>
 *
 * Servers are kept in JUnit's extension store, so they are closed when their scope ends, whatever the outcome;
 * each has its own port and state, so classes and tests may run in parallel (a class-wide server is shared by
 * that class's tests, which then should not run concurrently with each other).
 */
public final class PgTestExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private static final String CLASS_SERVER = "class-server";
    private static final String TEST_SERVER = "test-server";

    /** The builder's settings, or null when registered by {@link PgTest} (read from the annotation). */
    private final Builder settings;
    /** The server of the current scope, for the delegating methods of the programmatic form. */
    private volatile PgTestServer current;

    /** The declarative form: settings come from the test class's {@link PgTest}. */
    public PgTestExtension() {
        this(null);
    }

    private PgTestExtension(Builder settings) {
        this.settings = settings;
    }

    /** Settings for the programmatic form. */
    public static Builder builder() {
        return new Builder();
    }

    // --- lifecycle ------------------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        boolean staticFields = !serverFields(testClass, true).isEmpty();
        if (settings != null || staticFields) {
            PgTestServer server = classServer(context, true);
            current = server;
            for (Field f : serverFields(testClass, true)) {
                set(f, null, server);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        PgTestServer classServer = classServer(context, false);
        if (classServer != null) {
            // A fresh start for each test on the shared server: no stubs but the configured ones, no records,
            // and the data as seeded.
            classServer.reset();
            classServer.restoreSeeded();
            current = classServer;
        }
        Object instance = context.getRequiredTestInstance();
        List<Field> fields = serverFields(instance.getClass(), false);
        if (!fields.isEmpty() || (classServer == null && settings != null)) {
            PgTestServer server = testServer(context);
            current = server;
            for (Field f : fields) {
                set(f, instance, server);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PgTestServer server = existingServer(context);
        if (server != null && context.getExecutionException().isEmpty()) {
            server.verifyNoUnmatched(); // strict mode: a statement without a stub fails the test
        }
    }

    // --- parameters -----------------------------------------------------------------------------------------

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PgTestServer.class || type == PgConnectionInfo.class || type == DataSource.class
                || (type == String.class && parameter.isAnnotated(JdbcUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        boolean classScope = Modifier.isStatic(parameter.getDeclaringExecutable().getModifiers())
                || context.getTestMethod().isEmpty();
        PgTestServer server = classScope ? classServer(context, true) : existingServer(context);
        if (server == null) {
            server = testServer(context);
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == PgTestServer.class) {
            return server;
        }
        if (type == PgConnectionInfo.class) {
            return server.connectionInfo();
        }
        if (type == DataSource.class) {
            return server.dataSource();
        }
        return server.jdbcUrl();
    }

    // --- the programmatic form's access to its server -------------------------------------------------------

    /** The server of the running test (or class). */
    public PgTestServer server() {
        PgTestServer s = current;
        if (s == null) {
            throw new IllegalStateException("no server yet: the extension starts it before each test (or class)");
        }
        return s;
    }

    /** See {@link PgTestServer#jdbcUrl()}. */
    public String jdbcUrl() {
        return server().jdbcUrl();
    }

    /** See {@link PgTestServer#dataSource()}. */
    public DataSource dataSource() {
        return server().dataSource();
    }

    /** See {@link PgTestServer#connectionInfo()}. */
    public PgConnectionInfo connectionInfo() {
        return server().connectionInfo();
    }

    /** See {@link PgTestServer#stubFor(Stub)}. */
    public Stub stubFor(Stub stub) {
        return server().stubFor(stub);
    }

    /** See {@link PgTestServer#verify(int, StatementPattern)}. */
    public void verify(int times, StatementPattern pattern) {
        server().verify(times, pattern);
    }

    /** See {@link PgTestServer#verify(StatementPattern)}. */
    public void verify(StatementPattern pattern) {
        server().verify(pattern);
    }

    // --- servers in the store -------------------------------------------------------------------------------

    private ExtensionContext.Namespace namespace() {
        return ExtensionContext.Namespace.create(PgTestExtension.class, this);
    }

    /** The class-wide server; created in the class's store when {@code create}. */
    private PgTestServer classServer(ExtensionContext context, boolean create) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        ExtensionContext.Store store = classContext.getStore(namespace());
        if (!create) {
            ServerResource r = store.get(CLASS_SERVER, ServerResource.class);
            return r == null ? null : r.server;
        }
        return store.getOrComputeIfAbsent(CLASS_SERVER, k -> new ServerResource(newServer(context)),
                ServerResource.class).server;
    }

    /** This test's own server, created in the test's store. */
    private PgTestServer testServer(ExtensionContext context) {
        return context.getStore(namespace()).getOrComputeIfAbsent(TEST_SERVER,
                k -> new ServerResource(newServer(context)), ServerResource.class).server;
    }

    /** The test's own server, else the class's, else null. */
    private PgTestServer existingServer(ExtensionContext context) {
        ServerResource own = context.getTestMethod().isPresent()
                ? context.getStore(namespace()).get(TEST_SERVER, ServerResource.class) : null;
        return own != null ? own.server : classServer(context, false);
    }

    private PgTestServer newServer(ExtensionContext context) {
        PgTestServer.Builder b = PgTestServer.builder();
        if (settings != null) {
            settings.applyTo(b);
        } else {
            PgTest config = findAnnotation(context.getRequiredTestClass()).orElseThrow(() ->
                    new ExtensionConfigurationException("PgTestExtension needs @PgTest on the test class, or "
                            + "registration with @RegisterExtension and PgTestExtension.builder()"));
            b.user(config.user()).database(config.database()).serverVersion(config.serverVersion())
                    .strict(config.strict()).seed(config.seed());
            if (!config.password().isEmpty()) {
                b.password(config.password());
            }
        }
        return b.start();
    }

    private static Optional<PgTest> findAnnotation(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Optional<PgTest> a = AnnotationSupport.findAnnotation(c, PgTest.class);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static List<Field> serverFields(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getType() == PgTestServer.class && Modifier.isStatic(f.getModifiers()) == statics) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void set(Field f, Object instance, PgTestServer server) {
        try {
            f.setAccessible(true);
            f.set(instance, server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot set " + f + " to the test server", e);
        }
    }

    /** Closes its server when JUnit closes the store it is in. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13; AutoCloseable for 5.13 and later
    private static final class ServerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final PgTestServer server;

        ServerResource(PgTestServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** Settings of a programmatically registered {@link PgTestExtension}. */
    public static final class Builder {
        private final List<Consumer<PgTestServer.Builder>> steps = new ArrayList<>();

        private Builder() {
        }

        /** The user; default {@code test}. */
        public Builder user(String user) {
            steps.add(b -> b.user(user));
            return this;
        }

        /** Requires this password (SCRAM-SHA-256 unless {@link #authentication} says otherwise). */
        public Builder password(String password) {
            steps.add(b -> b.password(password));
            return this;
        }

        /** How the password is checked: PASSWORD, MD5 or SCRAM_SHA_256. */
        public Builder authentication(AuthMethod method) {
            steps.add(b -> b.authentication(method));
            return this;
        }

        public Builder database(String database) {
            steps.add(b -> b.database(database));
            return this;
        }

        /** TLS with a PEM certificate chain and PKCS#8 key. */
        public Builder tls(File certificateChain, File privateKey) {
            steps.add(b -> b.tls(certificateChain, privateKey));
            return this;
        }

        /** The server_version reported to clients. */
        public Builder serverVersion(String version) {
            steps.add(b -> b.serverVersion(version));
            return this;
        }

        /** SQL scripts or folders run on each new server, in order. */
        public Builder seed(String... locations) {
            steps.add(b -> b.seed(locations));
            return this;
        }

        /** Statements no stub matches fail, and fail the test. */
        public Builder strict() {
            steps.add(PgTestServer.Builder::strict);
            return this;
        }

        /** Stubs every server starts with (and keeps across the resets between tests). */
        public Builder stub(Stub... stubs) {
            steps.add(b -> b.stub(stubs));
            return this;
        }

        /** Anything else of {@link PgTestServer.Builder}. */
        public Builder configure(Consumer<PgTestServer.Builder> step) {
            steps.add(step);
            return this;
        }

        public PgTestExtension build() {
            Builder copy = new Builder();
            copy.steps.addAll(steps);
            return new PgTestExtension(copy);
        }

        void applyTo(PgTestServer.Builder b) {
            for (Consumer<PgTestServer.Builder> step : steps) {
                step.accept(b);
            }
        }
    }
}
