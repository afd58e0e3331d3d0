package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/**
 * One meter's settings. {@code meterType} is as sent: {@code electric}, {@code gas}, {@code water},
 * {@code other}, or a number (real units send {@code 0x0000} for electric), normalised to a name
 * where the number is known.
 */
public record MeterInfo(MacId device, MacId meter, String meterType, Optional<String> nickName,
                        Optional<String> account, Optional<String> auth, Optional<String> host,
                        Optional<Boolean> enabled) implements Emu2Message {

    @Override
    public String rootName() {
        return "MeterInfo";
    }

    @Override
    public Optional<MacId> meterMacId() {
        return Optional.of(meter);
    }

    @Override
    public Optional<MacId> deviceMacId() {
        return Optional.of(device);
    }
}
