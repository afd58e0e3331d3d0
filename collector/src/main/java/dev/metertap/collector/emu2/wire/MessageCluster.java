package dev.metertap.collector.emu2.wire;

import java.time.Duration;
import java.util.Optional;

/** A text message from the utility (entities decoded). */
public record MessageCluster(MacId device, Optional<MacId> meter, Emu2Time timeStamp, String id, String text,
                             Optional<String> priority, Optional<Emu2Time> startTime, Optional<Duration> duration,
                             boolean confirmationRequired, boolean confirmed, String queue) implements Emu2Message {

    @Override
    public String rootName() {
        return "MessageCluster";
    }

    @Override
    public Optional<MacId> meterMacId() {
        return meter;
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
