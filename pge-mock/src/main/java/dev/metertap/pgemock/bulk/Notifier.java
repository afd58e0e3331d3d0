package dev.metertap.pgemock.bulk;

import dev.metertap.certs.ClientTls;
import dev.metertap.pgemock.espi.BatchListWriter;
import dev.metertap.pgemock.journal.NotificationRecord;
import dev.metertap.pgemock.journal.RequestJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs BatchList notifications over HTTPS to the registered notification URI, trusting the
 * configured CA (or the JVM's trust store when none is configured). Unsigned, like PG&E's.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final URI target;
    private final List<X509Certificate> trusted;
    private final RequestJournal journal;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private HttpClient client;
    /** Notifications due while held, in the order they fell due; null when not held. */
    private List<List<String>> held;

    public Notifier(URI target, List<X509Certificate> trusted, RequestJournal journal, Clock clock) {
        this.target = target;
        this.trusted = List.copyOf(trusted);
        this.journal = journal;
        this.clock = clock;
    }

    public URI target() {
        return target;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pge-mock-notifier");
            thread.setDaemon(true);
            return thread;
        });
        try {
            SSLContext tls = trusted.isEmpty() ? SSLContext.getDefault() : ClientTls.context(new KeyManager[0], trusted);
            client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** Sends a BatchList of {@code resources} after {@code delay}. */
    public synchronized void schedule(List<String> resources, Duration delay) {
        if (scheduler == null) {
            throw new IllegalStateException("notifier not started");
        }
        scheduler.schedule(() -> sendUnlessHeld(resources), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps every notification that falls due from now on until {@link #release()}: a test that must see what a client
     * does before its first notification waits for that event instead of racing a delay.
     */
    public synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** Sends the notifications held, in the order they fell due, and sends the next ones when due again. */
    public synchronized void release() {
        if (held == null) {
            return;
        }
        List<List<String>> due = held;
        held = null;
        due.forEach(resources -> scheduler.execute(() -> send(resources)));
    }

    private void sendUnlessHeld(List<String> resources) {
        synchronized (this) {
            if (held != null) {
                held.add(resources);
                return;
            }
        }
        send(resources);
    }

    private void send(List<String> resources) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            BatchListWriter.write(resources, body);
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            log.info("notification to {} answered {}", target, response.statusCode());
            journal.record(new NotificationRecord(clock.instant(), target, resources, response.statusCode(), ""));
        } catch (IOException e) {
            log.warn("notification to {} failed: {}", target, e.toString());
            journal.record(new NotificationRecord(clock.instant(), target, resources, -1, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
