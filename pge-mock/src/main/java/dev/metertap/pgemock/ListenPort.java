package dev.metertap.pgemock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free loopback port for a listener that must be named before it starts (the notification receiver: the mock is
 * told where to POST before either runs). Taken below the kernel's ephemeral range, so no listener on port 0 and no
 * outgoing connection can be handed it between now and its bind: a port merely found free by binding port 0 and
 * closing it was given to the mock's own listener as it started.
 */
public final class ListenPort {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 50;

    private ListenPort() {
    }

    public static int pick() {
        int below = ephemeralLow();
        for (int attempt = 0; below > LOWEST + ATTEMPTS && attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (free(port)) {
                return port;
            }
        }
        return anyFree();  // no room below the ephemeral range (or not Linux): the kernel's choice
    }

    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
