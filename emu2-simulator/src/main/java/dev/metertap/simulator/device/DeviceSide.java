package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;

import java.util.function.Consumer;

/** What an endpoint needs of the device: somewhere to deliver commands, and the bytes a new port shows first. */
public interface DeviceSide {

    /** A command a host sent, arriving on {@code origin} ({@code pty}, {@code tcp:…}, {@code stdio}). */
    void receive(ReceivedCommand command, String origin);

    /** What a host that has just attached reads first (fault {@code stale-tail}): an old fragment's end; often none. */
    byte[] staleTail(String where);

    /**
     * A host has just attached: the device hands its {@link #staleTail} to {@code putFirst} while it writes nothing
     * else, so nothing it writes afterwards can go out before the tail.
     */
    default void hostAttached(String where, Consumer<byte[]> putFirst) {
        putFirst.accept(staleTail(where));
    }
}
