package dev.metertap.collector.sink.mqtt;

import dev.metertap.pgemock.ListenPort;
import dev.metertap.certs.Identity;
import dev.metertap.certs.Pem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real {@code mosquitto} (2.0.x) on a free loopback port with a configuration generated into its own
 * folder: plain, with a password file (made by {@code mosquitto_passwd}), and with TLS (certificates from the
 * {@code certs} module, optionally requiring a client certificate). Stop and start again on the same port for an
 * outage; {@code persistence false}, so a restart forgets every retained message, as a broker that lost its disk.
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    public static final String ABSENT = "mosquitto is not installed: install the Debian package 'mosquitto' (apt-get install mosquitto)";

    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, String listenerOptions) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.port = ListenPort.pick();
        // as root mosquitto drops to user 'mosquitto', who cannot read a private temp dir; as anyone else 'user' is ignored
        Files.writeString(dir.resolve("mosquitto.conf"), """
                user %s
                persistence false
                log_dest stdout
                log_type error
                log_type warning
                log_type notice
                listener %d 127.0.0.1
                %s
                """.formatted(System.getProperty("user.name"), port, listenerOptions));
    }

    public static Optional<Path> binary() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    /** Anyone may connect. */
    public static Mosquitto plain(Path dir) throws IOException {
        return new Mosquitto(dir, "allow_anonymous true");
    }

    /** Only {@code username} with {@code password}; the password file is hashed by {@code mosquitto_passwd}. */
    public static Mosquitto withPassword(Path dir, String username, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("passwords");
        Process passwd = new ProcessBuilder("mosquitto_passwd", "-c", "-b", file.toString(), username, password)
                .redirectErrorStream(true).start();
        String out = new String(passwd.getInputStream().readAllBytes());
        if (passwd.waitFor() != 0) {
            throw new IllegalStateException("mosquitto_passwd failed: " + out);
        }
        return new Mosquitto(dir, "allow_anonymous false\npassword_file " + file);
    }

    /**
     * One user per entry of {@code users} (name → password, hashed in place by {@code mosquitto_passwd -U}), no
     * anonymous clients, and {@code acl} as its ACL file; {@code max_queued_messages} raised to {@code queued} so a
     * consumer's queue holds a whole fleet's burst (the default is 1000; past it mosquitto drops QoS 1 messages).
     */
    public static Mosquitto withAcl(Path dir, java.util.Map<String, String> users, String acl, int queued)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path passwords = dir.resolve("passwords");
        StringBuilder plain = new StringBuilder();
        users.forEach((user, password) -> plain.append(user).append(':').append(password).append('\n'));
        Files.writeString(passwords, plain);
        Process passwd = new ProcessBuilder("mosquitto_passwd", "-U", passwords.toString()).redirectErrorStream(true).start();
        String out = new String(passwd.getInputStream().readAllBytes());
        if (passwd.waitFor() != 0) {
            throw new IllegalStateException("mosquitto_passwd failed: " + out);
        }
        Path aclFile = dir.resolve("acl");
        Files.writeString(aclFile, acl);
        return new Mosquitto(dir, "allow_anonymous false\npassword_file " + passwords + "\nacl_file " + aclFile
                + "\nmax_queued_messages " + queued);
    }

    /** TLS with {@code server}'s certificate; with {@code clientCa}, a client certificate it issued is required. */
    public static Mosquitto withTls(Path dir, Identity server, X509Certificate clientCa) throws IOException {
        Files.createDirectories(dir);
        Pem.writeCertificates(dir.resolve("server.crt"), server.chain());
        Pem.writePrivateKey(dir.resolve("server.key"), server.privateKey());
        String options = "allow_anonymous true\ncertfile " + dir.resolve("server.crt") + "\nkeyfile " + dir.resolve("server.key");
        if (clientCa != null) {
            Pem.writeCertificates(dir.resolve("client-ca.crt"), List.of(clientCa));
            options += "\ncafile " + dir.resolve("client-ca.crt") + "\nrequire_certificate true";
        }
        return new Mosquitto(dir, options);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** Starts (or starts again, on the same port) and waits until it accepts connections. */
    public Mosquitto start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return this;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mosquitto did not listen on " + port + " within 30 s: " + log());
            }
            // the only way to learn that a foreign process bound its port is to ask again
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
