package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceSide;
import dev.metertap.simulator.command.CommandReader;
import dev.metertap.simulator.command.ReceivedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bytes from one host connection, turned into commands for the device; nothing a host sends can stop it. */
final class CommandIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CommandIntake.class);
    private final CommandReader reader = new CommandReader();
    private final DeviceSide device;
    private final String origin;

    CommandIntake(DeviceSide device, String origin) {
        this.device = device;
        this.origin = origin;
    }

    void accept(byte[] bytes, int offset, int length) {
        for (ReceivedCommand command : reader.feed(bytes, offset, length)) {
            try {
                device.receive(command, origin);
            } catch (RuntimeException e) {
                LOG.warn("{}: command {} failed: {}", origin, command, e.toString());
            }
        }
    }
}
