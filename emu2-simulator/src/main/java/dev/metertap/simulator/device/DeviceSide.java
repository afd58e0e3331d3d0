package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;

/** What an endpoint needs of the device: somewhere to deliver commands, and the bytes a new port shows first. */
public interface DeviceSide {

    /** A command a host sent, arriving on {@code origin} ({@code pty}, {@code tcp:…}, {@code stdio}). */
    void receive(ReceivedCommand command, String origin);

    /** What a host that has just attached reads first (fault {@code stale-tail}): an old fragment's end; often none. */
    byte[] staleTail(String where);
}
