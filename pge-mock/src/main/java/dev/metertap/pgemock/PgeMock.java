package dev.metertap.pgemock;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.Identity;
import dev.metertap.pgemock.bulk.BulkDeliveries;
import dev.metertap.pgemock.bulk.Notifier;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.journal.RequestJournal;
import dev.metertap.pgemock.oauth.ClientCredentials;
import dev.metertap.pgemock.oauth.TokenEndpoint;
import dev.metertap.pgemock.oauth.TokenRegistry;
import dev.metertap.pgemock.tls.AdminGate;
import dev.metertap.pgemock.tls.ConnectionFacts;
import dev.metertap.pgemock.tls.MutualTlsServerFactory;
import dev.metertap.pgemock.tls.RegisteredClients;
import dev.metertap.pgemock.tls.ServerTls;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock PG&E Share My Data server: WireMock behind a TLS front that behaves like PG&E's gateway.
 * Keys and certificates are made in the constructor; nothing listens until {@link #start()}.
 *
 * <pre>{@code
 * try (PgeMock pge = new PgeMock(PgeMockOptions.defaults().notifyUri(receiver))) {
 *     pge.start();
 *     // client: pge.clientIdentity(), pge.credentials(), trust pge.serverCa(), call pge.tokenUrl()
 * }
 * }</pre>
 */
public final class PgeMock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgeMock.class);
    /** How much of each answer WireMock's journal keeps (and {@code /__admin/requests} shows). */
    static final int LOGGED_RESPONSE_BYTES = 1024;

    private final PgeMockOptions options;
    private final Identity serverIdentity;
    private final Identity clientIdentity;
    private final ClientCredentials credentials;
    private final RegisteredClients registered;
    private final List<X509Certificate> advertised = new ArrayList<>();
    private volatile UsageModel model;
    private final FaultPlan faults;
    private final RequestJournal journal = new RequestJournal();
    private final TokenRegistry tokens;
    private final PgeGateway gateway;
    private final TokenEndpoint tokenEndpoint;
    private final Notifier notifier;
    private WireMockServer server;
    private volatile EspiLinks links;

    public PgeMock(PgeMockOptions options) {
        this.options = options;
        this.serverIdentity = options.serverIdentity != null ? options.serverIdentity
                : CertificateAuthority.create("metertap pge-mock server CA").issueServer("api.pge.com (metertap mock)");
        for (String name : options.acceptableCas) {
            advertised.add(CertificateAuthority.create(name).certificate());
        }
        this.clientIdentity = options.clientIdentity != null ? options.clientIdentity
                : CertificateAuthority.create("metertap self-access root").issueClient("metertap self-access client");
        this.credentials = options.credentials != null ? options.credentials : ClientCredentials.generate();
        this.registered = new RegisteredClients(options.clock);
        registered.register(clientIdentity.certificate());
        this.model = options.model != null ? options.model : defaultModel(options);
        this.faults = new FaultPlan(options.clock);
        this.tokens = new TokenRegistry(options.clock, options.tokenLifetime);
        this.gateway = new PgeGateway(registered, faults, tokens, options.badTokenStatus);
        this.tokenEndpoint = new TokenEndpoint(credentials, tokens, options.expiresInAsString);
        this.notifier = options.notifyUri == null ? null
                : new Notifier(options.notifyUri, options.notifyTrust, journal, options.clock);
    }

    /** A 15-minute electric point with solar export and a daily gas point, 48 months of history up to today. */
    static UsageModel defaultModel(PgeMockOptions options) {
        Instant now = options.clock.instant();
        LocalDate today = LocalDate.ofInstant(now, UsageModel.PACIFIC);
        return new UsageModel(20240310L, List.of(UsagePointSpec.solar("5550000101", 900), UsagePointSpec.gas("5550000102")),
                UsageModel.PACIFIC).withAvailableData(
                today.minus(Period.ofMonths(48)).atStartOfDay(UsageModel.PACIFIC).toInstant(),
                today.atStartOfDay(UsageModel.PACIFIC).toInstant());
    }

    public synchronized PgeMock start() {
        if (server != null) {
            return this;
        }
        ServerTls tls = new ServerTls(serverIdentity, advertised, registered, options.mode);
        EspiResources resources = new EspiResources(() -> model, options.bulkId, this::links, options.clock, faults,
                new BulkDeliveries(), notifier, options.notificationDelay, credentials.clientId(), options.subscriptionResources);
        WireMockConfiguration config = wireMockConfig()
                .httpDisabled(true)
                .httpsPort(options.port)
                .bindAddress(options.host)
                .notifier(new Slf4jNotifier(false))
                .maxRequestJournalEntries(RequestJournal.DEFAULT_CAPACITY)
                // the journal keeps the head of each answer; a feed is streamed, never held whole
                .maxLoggedResponseSize(LOGGED_RESPONSE_BYTES)
                .jettyAcceptors(1)
                .extensions(gateway, new AdminGate(registered), tokenEndpoint, resources, journal, new BuiltInStubs())
                .httpServerFactory(new MutualTlsServerFactory(tls, new ConnectionFacts(options.clock)));
        if (options.rootDir != null) {
            config.usingFilesUnderDirectory(options.rootDir.toString());
        } else {
            config.mappingSource(new NoMappingFiles());
        }
        WireMockServer wireMock;
        try {
            wireMock = new WireMockServer(config);
        } catch (RuntimeException e) {
            if (options.rootDir == null) {
                throw e;
            }
            throw new IllegalStateException("cannot load the mapping files in " + options.rootDir.resolve("mappings") + ": "
                    + firstLine(rootMessage(e)), e);
        }
        try {
            wireMock.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen on HTTPS port " + options.port + ": " + rootMessage(e), e);
        }
        server = wireMock;
        journal.readFrom(wireMock::getAllServeEvents);
        links = new EspiLinks(baseUrl(), EspiLinks.DEFAULT_SUBSCRIPTION_ID);
        if (notifier != null) {
            notifier.start();
        }
        log.info("pge-mock listening on {} ({} mode)", baseUrl(), options.mode);
        return this;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public synchronized void close() {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("pge-mock is not started");
        }
        return server.httpsPort();
    }

    /** {@code https://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "https://" + options.host + ":" + port();
    }

    public String tokenUrl() {
        return baseUrl() + TokenEndpoint.PRODUCTION_PATH;
    }

    public String testTokenUrl() {
        return baseUrl() + TokenEndpoint.TEST_PATH;
    }

    /** {@code https://127.0.0.1:PORT/GreenButtonConnect/espi/1_1/resource}. */
    public String resourceBase() {
        return links().resourceBase();
    }

    public String bulkUrl() {
        return links().bulk(options.bulkId);
    }

    public String bulkId() {
        return options.bulkId;
    }

    public EspiLinks links() {
        if (links == null) {
            throw new IllegalStateException("pge-mock is not started");
        }
        return links;
    }

    /** The registered client identity (key and chain). */
    public Identity clientIdentity() {
        return clientIdentity;
    }

    public ClientCredentials credentials() {
        return credentials;
    }

    /** The CA clients must trust for the mock's server certificate. */
    public X509Certificate serverCa() {
        return serverIdentity.chain().get(serverIdentity.chain().size() - 1);
    }

    /** The CAs the mock's CertificateRequest lists. */
    public List<X509Certificate> advertisedCas() {
        return List.copyOf(advertised);
    }

    /** Register another client certificate (pinned by fingerprint). */
    public void register(X509Certificate certificate) {
        registered.register(certificate);
    }

    /** The usage model now (ground truth: {@code model().trueIntervals(…)}). */
    public UsageModel model() {
        return model;
    }

    /**
     * Re-meters one interval (every flow of it) so that the next feed covering it re-publishes a
     * corrected value; returns the model after the correction.
     */
    public synchronized UsageModel correct(String usagePointId, Instant start) {
        model = model.withCorrection(usagePointId, start);
        return model;
    }

    public FaultPlan faults() {
        return faults;
    }

    /**
     * Holds every notification that falls due until {@link #releaseNotifications()}; for a test that waits for what
     * a client does before its first notification.
     */
    public void holdNotifications() {
        requireNotifier().hold();
    }

    /** Sends the notifications held by {@link #holdNotifications()}, and the next ones when they fall due. */
    public void releaseNotifications() {
        requireNotifier().release();
    }

    private Notifier requireNotifier() {
        if (notifier == null) {
            throw new IllegalStateException("this mock sends no notifications: no notification URI is configured");
        }
        return notifier;
    }

    /** Requests (a typed view of WireMock's journal) and the notifications sent. */
    public RequestJournal journal() {
        return journal;
    }

    /**
     * The WireMock server behind the mock, for what WireMock users know: {@code verify(…)}, {@code findAll(…)},
     * {@code stubFor(…)} (a stub at the default priority answers before the built-in PG&E stubs).
     */
    public WireMockServer wireMock() {
        if (server == null) {
            throw new IllegalStateException("pge-mock is not started");
        }
        return server;
    }

    /** Writes the client kit (certificate, key, PKCS#12, client id and secret, the mock's CA) into {@code directory}. */
    public ClientKit writeClientKit(Path directory) {
        return ClientKit.write(this, directory);
    }

    /** The server's identity (key and chain ending with {@link #serverCa()}). */
    public Identity serverIdentity() {
        return serverIdentity;
    }
}
