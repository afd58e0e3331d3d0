package dev.metertap.pgemock.cli;

import dev.metertap.certs.Pem;
import dev.metertap.pgemock.ClientKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsageModel;
import dev.metertap.pgemock.espi.UsagePointSpec;
import dev.metertap.pgemock.fault.BulkWindowLimit;
import dev.metertap.pgemock.fault.ErrorBurst;
import dev.metertap.pgemock.fault.FaultPlan;
import dev.metertap.pgemock.fault.NotificationFault;
import dev.metertap.pgemock.fault.Quota;
import dev.metertap.pgemock.fault.RateLimit;
import dev.metertap.pgemock.tls.Mode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar pge-mock.jar}: runs the mock until interrupted. */
@Command(name = "pge-mock", mixinStandardHelpOptions = true, version = "pge-mock 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "A mock of PG&E Share My Data for self-access clients: mutual TLS that behaves like PG&E's gateway,",
            "OAuth client credentials, ESPI resources, asynchronous bulk requests with HTTPS notifications, and faults.",
            "",
            "On start it writes a client kit into --state-dir (client certificate, key, PKCS#12, client id and",
            "secret, and the CA of the mock's server certificate) and reuses it on the next start."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar pge-mock.jar --state-dir /tmp/pge",
            "  curl --cacert /tmp/pge/pge-mock-ca.crt --cert /tmp/pge/client.crt --key /tmp/pge/client.key \\",
            "       --basic --user CLIENT_ID:CLIENT_SECRET \\",
            "       -X POST 'https://127.0.0.1:8443/datacustodian/oauth/v2/token?grant_type=client_credentials'",
            "  java -jar pge-mock.jar --state-dir /tmp/pge --notify-uri https://127.0.0.1:9443/notify \\",
            "       --notify-ca ~/metertap/notify-ca.crt --notification-delay 10",
            "  java -jar pge-mock.jar --mode strict --rate-limit --error-burst 10:2:503 --notification twice",
            "  java -jar pge-mock.jar --rate-limit --hourly-quota 2000 --daily-quota 20000",
            "  java -jar pge-mock.jar --max-bulk-window 30        # or 30:400 for a 400 instead of 413",
            "",
            "Client id and secret are in client-credentials.properties (never printed)."})
public final class PgeMockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTPS port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8443;

    @Option(names = "--host", paramLabel = "HOST",
            description = "The address the mock listens on, and the host written into the URLs it hands out (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the client kit and the mock's keys are kept (default: ${DEFAULT-VALUE}).")
    Path stateDir = Path.of("pge-mock-state");

    @Option(names = "--mode", paramLabel = "MODE",
            description = "gateway: a missing or unregistered certificate gets HTTP 400 'Invalid Certificate' (as PG&E); "
                    + "strict: the handshake is refused (default: ${DEFAULT-VALUE}).")
    String mode = "gateway";

    @Option(names = "--register-cert", paramLabel = "PEM",
            description = "Also accept this client certificate (e.g. one made by 'metertap certs init'). Repeatable.")
    List<Path> extraCertificates = new ArrayList<>();

    @Option(names = "--notify-uri", paramLabel = "URI", description = "Notification URI for bulk requests (HTTPS).")
    URI notifyUri;

    @Option(names = "--notify-ca", paramLabel = "PEM",
            description = "CA certificate(s) to trust for the notification receiver (default: the JVM's trust store).")
    Path notifyCa;

    @Option(names = "--notification-delay", paramLabel = "SECONDS",
            description = "Seconds between a 202 and its notification (default: ${DEFAULT-VALUE}).")
    long notificationDelaySeconds = 10;

    @Option(names = "--token-lifetime", paramLabel = "SECONDS", description = "Token lifetime (default: ${DEFAULT-VALUE}).")
    long tokenLifetimeSeconds = 3600;

    @Option(names = "--bad-token-status", paramLabel = "401|403",
            description = "Answer to an expired or unknown bearer token (default: ${DEFAULT-VALUE}).")
    int badTokenStatus = 401;

    @Option(names = "--expires-in-as-string", description = "Write \"expires_in\":\"3600\" as a string, as PG&E has been seen to.")
    boolean expiresInAsString;

    @Option(names = "--bulk-id", paramLabel = "ID", description = "The authorization's BulkID (default: ${DEFAULT-VALUE}).")
    String bulkId = "50098";

    @Option(names = "--usage-point", paramLabel = "ID:KIND[:SECONDS]",
            description = "A usage point of the mock customer (repeatable): 10-digit ID, KIND electric, solar or gas, "
                    + "SECONDS 900 or 3600 for electric/solar (default 900). Default: 5550000101:solar:900 and 5550000102:gas.")
    List<String> usagePoints = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the usage model (default: ${DEFAULT-VALUE}).")
    long seed = 20240310L;

    @Option(names = "--rate-limit", description = "Fault: allow one request per second; others get --rate-limit-status.")
    boolean rateLimit;

    @Option(names = "--rate-limit-status", paramLabel = "STATUS",
            description = "Answer over the rate limit or a quota (default: ${DEFAULT-VALUE}).")
    int rateLimitStatus = 429;

    @Option(names = "--hourly-quota", paramLabel = "N",
            description = "Fault: each client (registered certificate) may make N requests per UTC hour (PG&E: 2000); "
                    + "others get --rate-limit-status.")
    Integer hourlyQuota;

    @Option(names = "--daily-quota", paramLabel = "N",
            description = "Fault: each client may make N requests per UTC day (PG&E: 20000); others get --rate-limit-status.")
    Integer dailyQuota;

    @Option(names = "--error-burst", paramLabel = "EVERY:LENGTH[:STATUS]",
            description = "Fault: of every EVERY requests, the first LENGTH get STATUS (default 503).")
    String errorBurst;

    @Option(names = "--max-bulk-window", paramLabel = "DAYS[:STATUS]",
            description = "Fault: a bulk request for a window longer than DAYS gets STATUS (default 413) and "
                    + "'Date range too large' instead of 202 (PG&E documents no limit; inferred).")
    String maxBulkWindow;

    @Option(names = "--slow", paramLabel = "MILLIS", description = "Fault: delay every answer by MILLIS.")
    long slowMillis;

    @Option(names = "--notification", paramLabel = "FAULT",
            description = "Fault: none, late (plus --late-by), never, twice, forged (URLs on --forged-origin).")
    String notification = "none";

    @Option(names = "--late-by", paramLabel = "SECONDS", description = "Extra delay of a late notification (default: ${DEFAULT-VALUE}).")
    long lateBySeconds = 120;

    @Option(names = "--forged-origin", paramLabel = "URL", description = "Origin of forged notification URLs (default: ${DEFAULT-VALUE}).")
    String forgedOrigin = "https://api.pge.com.example.net";

    @Option(names = "--empty-feed", description = "Fault: bulk fetches return an empty feed.")
    boolean emptyFeed;

    @Option(names = "--root-dir", paramLabel = "DIR", description = "A WireMock root directory: each JSON file in DIR/mappings "
            + "adds or overrides an answer (a stub at WireMock's default priority answers before the built-in PG&E stubs).")
    Path rootDir;

    @Option(names = "--serve-subscription-resources", description = "Serve Subscription/... and Batch/Subscription/... "
            + "(UsagePoint, MeterReading, IntervalBlock, UsageSummary) to the client-credentials token; PG&E keeps them "
            + "for a customer token and answers 403 (the default).")
    boolean subscriptionResources;

    @Option(names = "--service-status", paramLabel = "0|1", description = "Fault: ReadServiceStatus currentStatus (default: ${DEFAULT-VALUE}).")
    int serviceStatus = 1;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PgeMockCommand())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println("pge-mock: " + error.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PgeMockOptions options = options();
        StateDirectory state = new StateDirectory(stateDir.toAbsolutePath());
        state.restoreInto(options);
        PgeMock pge = new PgeMock(options);
        // runs until the JVM is told to stop (Ctrl-C, SIGTERM); the hook closes the server
        Runtime.getRuntime().addShutdownHook(new Thread(pge::close, "pge-mock-shutdown"));
        for (Path file : extraCertificates) {
            for (X509Certificate certificate : Pem.readCertificates(file)) {
                pge.register(certificate);
            }
        }
        applyFaults(pge.faults());
        // before the port accepts: a script that waits for the port then reads the kit must find it
        ClientKit kit = pge.writeClientKit(state.directory());
        pge.start();
        printStarted(out, pge, kit);
        new CountDownLatch(1).await();
        return 0;
    }

    PgeMockOptions options() {
        PgeMockOptions options = PgeMockOptions.defaults()
                .port(port)
                .host(host)
                .mode(parseMode(mode))
                .tokenLifetime(Duration.ofSeconds(tokenLifetimeSeconds))
                .badTokenStatus(badTokenStatus)
                .expiresInAsString(expiresInAsString)
                .notificationDelay(Duration.ofSeconds(notificationDelaySeconds))
                .bulkId(bulkId);
        options.model(model()).subscriptionResources(subscriptionResources);
        if (rootDir != null) {
            if (!Files.isDirectory(rootDir)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--root-dir " + rootDir + " is not a directory");
            }
            options.rootDir(rootDir.toAbsolutePath());
        }
        if (notifyUri != null) {
            if (!"https".equalsIgnoreCase(notifyUri.getScheme())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--notify-uri must be an https:// URI, like PG&E's");
            }
            options.notifyUri(notifyUri);
        }
        if (notifyCa != null) {
            options.notifyTrust(Pem.readCertificates(notifyCa));
        }
        return options;
    }

    private UsageModel model() {
        List<UsagePointSpec> points = new ArrayList<>();
        try {
            for (String spec : usagePoints) {
                String[] parts = spec.split(":");
                int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 900;
                points.add(switch (parts[1].toLowerCase(java.util.Locale.ROOT)) {
                    case "electric" -> UsagePointSpec.electric(parts[0], seconds);
                    case "solar" -> UsagePointSpec.solar(parts[0], seconds);
                    case "gas" -> UsagePointSpec.gas(parts[0]);
                    default -> throw new IllegalArgumentException("KIND must be electric, solar or gas");
                });
            }
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--usage-point wants ID:KIND[:SECONDS], e.g. 5550000101:solar:900 (" + e.getMessage() + ")");
        }
        if (points.isEmpty()) {
            points = List.of(UsagePointSpec.solar("5550000101", 900), UsagePointSpec.gas("5550000102"));
        }
        LocalDate today = LocalDate.now(UsageModel.PACIFIC);
        return new UsageModel(seed, points, UsageModel.PACIFIC).withAvailableData(
                today.minusMonths(48).atStartOfDay(UsageModel.PACIFIC).toInstant(),
                today.atStartOfDay(UsageModel.PACIFIC).toInstant());
    }

    void applyFaults(FaultPlan faults) {
        if (rateLimit) {
            faults.rateLimit(new RateLimit(rateLimitStatus, "Too Many Requests"));
        }
        faults.quotas(quotas().toArray(Quota[]::new));
        if (errorBurst != null) {
            String[] parts = errorBurst.split(":");
            try {
                faults.errorBurst(new ErrorBurst(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                        parts.length > 2 ? Integer.parseInt(parts[2]) : 503));
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--error-burst wants EVERY:LENGTH[:STATUS], e.g. 10:2:503 (" + e.getMessage() + ")");
            }
        }
        if (maxBulkWindow != null) {
            faults.largestBulkWindow(bulkWindowLimit());
        }
        faults.slowResponses(Duration.ofMillis(slowMillis));
        try {
            faults.notification(NotificationFault.valueOf(notification.toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--notification must be one of none, late, never, twice, forged");
        }
        faults.lateBy(Duration.ofSeconds(lateBySeconds)).forgedOrigin(forgedOrigin)
                .emptyFeeds(emptyFeed).serviceStatus(serviceStatus);
    }

    private BulkWindowLimit bulkWindowLimit() {
        String[] parts = maxBulkWindow.split(":");
        try {
            BulkWindowLimit limit = BulkWindowLimit.of(Duration.ofDays(Long.parseLong(parts[0])));
            return parts.length > 1 ? new BulkWindowLimit(limit.longest(), Integer.parseInt(parts[1]), limit.body()) : limit;
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-bulk-window wants DAYS[:STATUS], e.g. 30 or 30:400 (" + e.getMessage() + ")");
        }
    }

    private List<Quota> quotas() {
        List<Quota> quotas = new ArrayList<>();
        try {
            if (hourlyQuota != null) {
                quotas.add(new Quota(hourlyQuota, Duration.ofHours(1), rateLimitStatus, "Too Many Requests"));
            }
            if (dailyQuota != null) {
                quotas.add(new Quota(dailyQuota, Duration.ofDays(1), rateLimitStatus, "Too Many Requests"));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hourly-quota and --daily-quota want N >= 1");
        }
        return quotas;
    }

    private Mode parseMode(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "gateway" -> Mode.GATEWAY;
            case "strict" -> Mode.STRICT;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be gateway or strict");
        };
    }

    private static void printStarted(PrintWriter out, PgeMock pge, ClientKit kit) {
        out.println("pge-mock listening on " + pge.baseUrl());
        out.println("  token URL        " + pge.tokenUrl());
        out.println("  test token URL   " + pge.testTokenUrl());
        out.println("  resources        " + pge.resourceBase());
        out.println("  bulk             " + pge.bulkUrl());
        out.println("client kit in " + kit.directory());
        out.println("  client.crt                     registered client certificate");
        out.println("  client.key                     its private key (0600)");
        out.println("  client.p12, client.p12.password  the same as PKCS#12 (0600)");
        out.println("  client-credentials.properties  client_id and client_secret (0600)");
        out.println("  pge-mock-ca.crt                trust this for the mock's server certificate");
        out.println("try:");
        out.println("  curl --cacert " + kit.serverCa() + " --cert " + kit.clientCertificate() + " --key " + kit.clientKey()
                + " --basic --user \"$CLIENT_ID:$CLIENT_SECRET\" -X POST '" + pge.tokenUrl() + "?grant_type=client_credentials'");
        out.flush();
    }
}
