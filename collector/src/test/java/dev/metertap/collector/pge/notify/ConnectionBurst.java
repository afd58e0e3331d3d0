package dev.metertap.collector.pge.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Many TCP connections to the receiver that send nothing (the cheapest flood), and what the server did with each:
 * closed (end of stream), reset, or still open. Waits on the sockets' own events, never on time.
 */
final class ConnectionBurst implements AutoCloseable {

    record Fates(int opened, int closedByServer, int reset, int open) {
    }

    private final InetSocketAddress target;
    private final InetAddress from;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocate(4096);
    private final List<SocketChannel> channels = new ArrayList<>();
    private int closedByServer;
    private int reset;

    ConnectionBurst(InetSocketAddress target, InetAddress from) throws IOException {
        this.target = target;
        this.from = from;
        this.selector = Selector.open();
    }

    /** Opens {@code count} more connections, one after another (each completes in the kernel's accept queue). */
    synchronized void open(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.bind(new InetSocketAddress(from, 0));
            channel.connect(target);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            channels.add(channel);
        }
    }

    synchronized int opened() {
        return channels.size();
    }

    /** Waits until the server has closed or reset at least {@code count} of them; false when it had not by {@code deadline}. */
    synchronized boolean awaitServerEnded(int count, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (closedByServer + reset < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            selector.select(Math.max(1, left / 1_000_000));
            readReady();
        }
        return true;
    }

    /** What has happened to them so far. */
    synchronized Fates fates() throws IOException {
        selector.selectNow();
        readReady();
        return new Fates(channels.size(), closedByServer, reset, channels.size() - closedByServer - reset);
    }

    private void readReady() {
        for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            try {
                int read;
                do {
                    buffer.clear();
                    read = ((SocketChannel) key.channel()).read(buffer); // a TLS alert may come before the end
                } while (read > 0);
                if (read < 0) {
                    closedByServer++;
                    key.cancel();
                }
            } catch (IOException e) {
                reset++;
                key.cancel();
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
