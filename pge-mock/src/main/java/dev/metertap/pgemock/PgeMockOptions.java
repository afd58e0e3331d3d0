package dev.metertap.pgemock;

import dev.metertap.certs.Identity;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.oauth.ClientCredentials;
import dev.metertap.pgemock.tls.Mode;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How to run a {@link PgeMock}. Every setting has a PG&E-like default; setters return {@code this}. */
public final class PgeMockOptions {

    /** Names the mock's CertificateRequest lists (a user's own root is never among them). */
    public static final List<String> DEFAULT_ACCEPTABLE_CAS = List.of(
            "Entrust Root Certification Authority - G2 (metertap mock)",
            "DigiCert Global Root G2 (metertap mock)");

    int port;
    String host = "127.0.0.1";
    Mode mode = Mode.GATEWAY;
    Duration tokenLifetime = Duration.ofSeconds(3600);
    int badTokenStatus = 401;
    boolean expiresInAsString;
    URI notifyUri;
    List<X509Certificate> notifyTrust = List.of();
    Duration notificationDelay = Duration.ofSeconds(2);
    String bulkId = "50098";
    UsageModel model;
    Clock clock = Clock.systemUTC();
    List<String> acceptableCas = DEFAULT_ACCEPTABLE_CAS;
    Identity clientIdentity;
    Identity serverIdentity;
    ClientCredentials credentials;
    Path rootDir;
    boolean subscriptionResources;

    public static PgeMockOptions defaults() {
        return new PgeMockOptions();
    }

    /**
     * A WireMock root directory: every JSON file in its {@code mappings/} adds or overrides an answer (a stub at
     * WireMock's default priority answers before the built-in ones). Default: none, no mapping files are read.
     */
    public PgeMockOptions rootDir(Path directory) {
        this.rootDir = directory;
        return this;
    }

    /**
     * Serve {@code Subscription/…} and {@code Batch/Subscription/…} (UsagePoint, MeterReading, IntervalBlock,
     * UsageSummary, the batch feeds) to the client-credentials token. Default off: PG&amp;E keeps these synchronous
     * resources for a customer's token, and the mock answers a Self-Access token 403 as PG&amp;E's gateway would (inferred).
     */
    public PgeMockOptions subscriptionResources(boolean serve) {
        this.subscriptionResources = serve;
        return this;
    }

    /** HTTPS port; 0 (the default) picks a free one. */
    public PgeMockOptions port(int port) {
        this.port = port;
        return this;
    }

    /** The address the mock listens on, and the host written into URLs it hands out (notifications, Authorization); default 127.0.0.1. */
    public PgeMockOptions host(String host) {
        this.host = Objects.requireNonNull(host);
        return this;
    }

    public PgeMockOptions mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode);
        return this;
    }

    public PgeMockOptions tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /** The answer to an expired or unknown bearer token: 401 (default) or 403. */
    public PgeMockOptions badTokenStatus(int status) {
        if (status != 401 && status != 403) {
            throw new IllegalArgumentException("bad token status must be 401 or 403");
        }
        this.badTokenStatus = status;
        return this;
    }

    /** Write {@code "expires_in":"3600"} as a string, as PG&E has been seen to. */
    public PgeMockOptions expiresInAsString(boolean asString) {
        this.expiresInAsString = asString;
        return this;
    }

    public PgeMockOptions notifyUri(URI uri) {
        this.notifyUri = uri;
        return this;
    }

    /** CAs trusted for the notification receiver's certificate; empty (default) trusts the JVM's store. */
    public PgeMockOptions notifyTrust(List<X509Certificate> trusted) {
        this.notifyTrust = List.copyOf(trusted);
        return this;
    }

    public PgeMockOptions notificationDelay(Duration delay) {
        this.notificationDelay = delay;
        return this;
    }

    /** The 5-digit BulkID of the self-access authorization. */
    public PgeMockOptions bulkId(String bulkId) {
        this.bulkId = Objects.requireNonNull(bulkId);
        return this;
    }

    /** The usage model behind the feeds; default: a solar 15-minute electric point and a gas point. */
    public PgeMockOptions model(UsageModel model) {
        this.model = model;
        return this;
    }

    /** The clock for token expiry, feed timestamps, the rate limit and quotas, and the journal. */
    public PgeMockOptions clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    public PgeMockOptions acceptableCas(List<String> distinguishedCommonNames) {
        this.acceptableCas = List.copyOf(distinguishedCommonNames);
        return this;
    }

    /** Register this client identity instead of generating one (for example from a previous kit). */
    public PgeMockOptions clientIdentity(Identity identity) {
        this.clientIdentity = identity;
        return this;
    }

    /**
     * Serve with this identity instead of generating one; the last certificate of its chain is the
     * CA clients trust (so a state directory keeps working across restarts).
     */
    public PgeMockOptions serverIdentity(Identity identity) {
        if (identity.chain().size() < 2) {
            throw new IllegalArgumentException("the server identity's chain must end with its CA");
        }
        this.serverIdentity = identity;
        return this;
    }

    public PgeMockOptions credentials(ClientCredentials credentials) {
        this.credentials = credentials;
        return this;
    }
}
