package dev.metertap.collector.pge.notify;

import io.netty.channel.Channel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps at most {@code max} receiver connections open. At the limit a new connection takes the place of the
 * one that has waited longest for its request, from the address that holds the most such connections: a
 * flood (idle sockets, slow handshakes, slowloris headers) then pushes out its own connections, not the one
 * PG&E opens to deliver a notification, which completes its request in milliseconds. Only when every open
 * connection is being answered is the new one refused (closed at once). Thread-safe.
 */
final class ConnectionLimit {

    private final int max;
    private final PressureLog pressure;
    private final Set<Channel> open = new HashSet<>();
    /** Open connections waiting for (the rest of) a request, longest-waiting first. */
    private final LinkedHashMap<Channel, InetAddress> waiting = new LinkedHashMap<>();
    private int peakOpen;
    private long admitted;
    private long closedToMakeRoom;
    private long refused;
    private long timedOut;

    ConnectionLimit(int max, PressureLog pressure) {
        this.max = max;
        this.pressure = pressure;
    }

    /** Makes room for {@code channel} if need be; false when it was refused (and closed). */
    boolean admit(Channel channel) {
        Channel victim = null;
        boolean admit;
        synchronized (this) {
            if (open.size() >= max) {
                victim = longestWaitingOfBusiestAddress();
            }
            admit = open.size() < max || victim != null;
            if (victim != null) {
                forget(victim);
                closedToMakeRoom++;
            }
            if (admit) {
                open.add(channel);
                waiting.put(channel, address(channel));
                admitted++;
                peakOpen = Math.max(peakOpen, open.size());
            } else {
                refused++;
            }
        }
        if (victim != null) {
            victim.close();
            pressure.closedToMakeRoom();
        }
        if (!admit) {
            channel.close();
            pressure.refused();
        } else {
            channel.closeFuture().addListener(closed -> closed(channel));
        }
        return admit;
    }

    /** {@code channel} waits for a request again (after connecting or after an answer): it may make room. */
    synchronized void waiting(Channel channel) {
        if (open.contains(channel)) {
            waiting.remove(channel);
            waiting.put(channel, address(channel)); // to the end: it has waited least
        }
    }

    /** {@code channel} has sent a complete request and is being answered: it keeps its place. */
    synchronized void busy(Channel channel) {
        waiting.remove(channel);
    }

    /** {@code channel} was closed for not sending a complete request in time. */
    void timedOut() {
        synchronized (this) {
            timedOut++;
        }
        pressure.timedOut();
    }

    synchronized ConnectionCounts counts() {
        return new ConnectionCounts(open.size(), peakOpen, admitted, closedToMakeRoom, refused, timedOut);
    }

    private synchronized void closed(Channel channel) {
        forget(channel);
    }

    private void forget(Channel channel) {
        open.remove(channel);
        waiting.remove(channel);
    }

    private Channel longestWaitingOfBusiestAddress() {
        Map<InetAddress, Integer> perAddress = new HashMap<>();
        InetAddress busiest = null;
        int most = 0;
        for (InetAddress address : waiting.values()) {
            int count = perAddress.merge(address, 1, Integer::sum);
            if (count > most) {
                most = count;
                busiest = address;
            }
        }
        for (Iterator<Map.Entry<Channel, InetAddress>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Channel, InetAddress> entry = it.next();
            if (Objects.equals(entry.getValue(), busiest)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static InetAddress address(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress socket ? socket.getAddress()
                : InetAddress.getLoopbackAddress();
    }
}
