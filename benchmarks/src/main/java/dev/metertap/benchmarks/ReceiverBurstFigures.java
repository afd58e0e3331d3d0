package dev.metertap.benchmarks;

import dev.metertap.certs.CertificateAuthority;
import dev.metertap.certs.ClientTls;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.SeenNotifications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The notification receiver's figures under a burst of 2,000 connections, the receiver in a child JVM with the
 * deploy flags of {@code deploy/metertap.sh} (64 MB heap, 16 MB direct memory, serial GC). Three bursts, each
 * against a fresh receiver with its default settings:
 * <ul>
 *   <li>{@code idle}: TCP connections that send nothing;</li>
 *   <li>{@code slowloris}: TLS handshakes, then the start of a request's headers, held open;</li>
 *   <li>{@code posts}: 2,000 valid notifications posted at once.</li>
 * </ul>
 * While each burst's connections are still open, one valid notification is posted over a new TLS connection; the
 * figures are how each burst connection ended (handshake or answer, closed, reset), whether that notification was
 * delivered, the receiver's own connection counts and its heap peak.
 *
 * The TLS bursts open 64 connections at a time ({@code -Dthreads=N} for more).
 *
 * <pre>java [-Dthreads=64] -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.ReceiverBurstFigures [idle|slowloris|posts|all]</pre>
 */
public final class ReceiverBurstFigures {

    private static final int BURST = 2000;
    /** How many burst connections the client makes at the same time ({@code -Dthreads=N}). */
    private static final int CLIENT_THREADS = Integer.getInteger("threads", 64);
    private static final String BASE = "https://127.0.0.1:1/GreenButtonConnect/espi/1_1/resource";
    private static final List<String> DEPLOY_FLAGS = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx64m",
            "-XX:MaxMetaspaceSize=48m", "-XX:ReservedCodeCacheSize=16m", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-Xss256k", "-XX:MaxDirectMemorySize=16m", "-XX:+ExitOnOutOfMemoryError");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("receiver")) {
            receiver(Path.of(args[1]));
            return;
        }
        String mode = args.length > 0 ? args[0] : "all";
        Path dir = Files.createTempDirectory("receiver-figures");
        CertificateAuthority ca = CertificateAuthority.create("receiver figures CA");
        Identity server = ca.issueServer("receiver");
        Pem.writeCertificates(dir.resolve("receiver.crt"), server.chain());
        Pem.writePrivateKey(dir.resolve("receiver.key"), server.privateKey());
        SSLContext tls = ClientTls.context(new KeyManager[0], List.of(ca.certificate()));
        for (String shape : mode.equals("all") ? List.of("idle", "slowloris", "posts") : List.of(mode)) {
            run(shape, dir, tls);
        }
    }

    private static void run(String shape, Path dir, SSLContext tls) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(DEPLOY_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReceiverBurstFigures.class.getName(), "receiver", dir.toString()));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("FIGURE ")) {
                        lines.add(line.substring(7));
                    }
                }
            } catch (IOException e) {
                lines.add("ended " + e.getMessage());
            }
            lines.add("ended");
        });
        reader.setDaemon(true);
        reader.start();
        PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            String port = lines.poll(60, TimeUnit.SECONDS);
            if (port == null || !port.startsWith("port ")) {
                throw new IllegalStateException("the receiver did not start: " + port);
            }
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(port.substring(5)));
            Fates fates = new Fates();
            List<Socket> held = new ArrayList<>();
            long started = System.nanoTime();
            switch (shape) {
                case "idle" -> idle(target, held, fates);
                case "slowloris" -> slowloris(target, tls, held, fates);
                case "posts" -> posts(target, tls, fates);
                default -> throw new IllegalArgumentException("shape is idle, slowloris, posts or all: " + shape);
            }
            long burstMillis = (System.nanoTime() - started) / 1_000_000;
            int status = post(target, tls, "valid");
            String delivered = awaitLine(lines, "delivered valid", Duration.ofSeconds(60));
            toChild.println("report");
            String report = awaitLine(lines, "report ", Duration.ofSeconds(60));
            System.out.printf("%-9s burst of %d (%d at a time) in %d ms: %s; valid notification answered %d, %s; receiver %s%n", shape, BURST,
                    shape.equals("idle") ? 1 : CLIENT_THREADS, burstMillis, fates, status, delivered != null ? "delivered" : "NOT delivered",
                    report != null ? report.substring(7) : "gone (" + lines + ")");
            for (Socket socket : held) {
                socket.close();
            }
        } finally {
            toChild.println("exit");
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /** How burst connections ended, as their client saw it. */
    static final class Fates {
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger reset = new AtomicInteger();
        final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

        @Override
        public String toString() {
            return "completed " + completed + ", closed " + closed + ", reset " + reset + (statuses.isEmpty() ? "" : " " + statuses);
        }
    }

    private static void idle(InetSocketAddress target, List<Socket> held, Fates fates) throws IOException {
        for (int i = 0; i < BURST; i++) {
            Socket socket = new Socket();
            socket.connect(target, 10_000);
            held.add(socket);
            fates.completed.incrementAndGet(); // connected; how many the receiver closed shows in its counts
        }
    }

    private static void slowloris(InetSocketAddress target, SSLContext tls, List<Socket> held, Fates fates) throws Exception {
        List<Socket> sockets = java.util.Collections.synchronizedList(held);
        burst(fates, i -> {
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(target.getAddress(), target.getPort());
            sockets.add(socket);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("POST /pge/notify HTTP/1.1\r\nHost: x\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    private static void posts(InetSocketAddress target, SSLContext tls, Fates fates) throws Exception {
        burst(fates, i -> {
            int status = post(target, tls, "burst-" + i);
            fates.statuses.computeIfAbsent(String.valueOf(status), s -> new AtomicInteger()).incrementAndGet();
        });
    }

    /** One connection's part in a burst. */
    private interface Connection {
        void run(int index) throws IOException;
    }

    /** {@value #BURST} connections, {@code CLIENT_THREADS} at a time, each counted by how it ended. */
    private static void burst(Fates fates, Connection connection) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        for (int i = 0; i < BURST; i++) {
            int index = i;
            pool.execute(() -> {
                try {
                    connection.run(index);
                    fates.completed.incrementAndGet();
                } catch (java.net.SocketException e) {
                    (e.getMessage() != null && e.getMessage().contains("reset") ? fates.reset : fates.closed).incrementAndGet();
                } catch (IOException e) {
                    fates.closed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    /** One notification on a connection of its own (no pooling), as PG&E's notifier may send it. */
    private static int post(InetSocketAddress target, SSLContext tls, String correlationId) throws IOException {
        String body = "<ns0:BatchList xmlns:ns0=\"http://naesb.org/espi\"><ns0:resources>" + BASE
                + "/Batch/Bulk/50098?correlationID=" + correlationId + "</ns0:resources></ns0:BatchList>";
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(target.getAddress(), target.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /pge/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\nConnection: close\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (status == null) {
                throw new IOException("closed before an answer");
            }
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String awaitLine(LinkedBlockingQueue<String> lines, String prefix, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (String line; (line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("ended")) {
                return null;
            }
        }
        return null;
    }

    /** The child: a receiver with its default settings, telling its parent what it delivers; "report" prints its figures. */
    private static void receiver(Path dir) throws Exception {
        PrintStream out = System.out;
        ReceiverSettings settings = new ReceiverSettings(new InetSocketAddress("127.0.0.1", 0),
                Pem.readIdentity(dir.resolve("receiver.crt"), dir.resolve("receiver.key")), URI.create(BASE),
                ReceiverSettings.DEFAULT_MAX_BODY_BYTES);
        HeapPeak.reset();
        try (NotificationReceiver receiver = new NotificationReceiver(settings, SeenNotifications.inMemory(), resource -> {
            if (resource.correlationId().equals("valid")) {
                synchronized (out) {
                    out.println("FIGURE delivered valid");
                }
            }
        }).start()) {
            synchronized (out) {
                out.println("FIGURE port " + receiver.port());
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
                if (line.equals("report")) {
                    synchronized (out) {
                        out.println("FIGURE report " + receiver.connections() + ", heap peak "
                                + HeapPeak.bytes() / (1024 * 1024) + " MB");
                    }
                }
            }
        }
    }
}
