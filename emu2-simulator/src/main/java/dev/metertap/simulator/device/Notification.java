package dev.metertap.simulator.device;

import dev.metertap.simulator.wire.DeviceTime;
import dev.metertap.simulator.wire.Fragment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A fragment about to be written, with the ground truth the journal keeps for it. */
record Notification(Fragment fragment, String meterMacId, Instant deviceTime, Map<String, BigDecimal> values,
                    Map<String, String> text) {

    /** The same fragment with its TimeStamp replaced by the "no value" sentinel. */
    Notification withSentinelTimestamp() {
        return new Notification(fragment.with("TimeStamp", "0xffffffff"), meterMacId, null, values, text);
    }

    /** The same summation with both counters 0 (the meter's registers are unchanged: only this fragment says 0). */
    Notification withZeroCounters() {
        return new Notification(fragment.with("SummationDelivered", "0x0000000000000000").with("SummationReceived", "0x0000000000000000"),
                meterMacId, deviceTime, Map.of("delivered_kwh", BigDecimal.ZERO, "received_kwh", BigDecimal.ZERO), text);
    }

    boolean isSummation() {
        return fragment.root().equals("CurrentSummationDelivered");
    }

    boolean hasTimestamp() {
        return fragment.value("TimeStamp") != null;
    }

    static Instant secondsOf(Instant t) {
        return DeviceTime.instant(DeviceTime.seconds(t));
    }
}
