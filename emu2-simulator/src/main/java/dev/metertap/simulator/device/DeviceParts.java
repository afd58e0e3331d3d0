package dev.metertap.simulator.device;

import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.schedule.SimulatedClock;

import java.time.Instant;
import java.util.List;

/** The device's state that its answers to commands read and change; the parts are the device's own. */
record DeviceParts(SimulatedClock clock, List<MeterState> meters, Notifications notes, PriceBook prices,
                   HouseholdLoad load, Faults faults, DeviceLink link, DeviceSchedule schedule, MessageBoard board) {

    /** The message on the display, which a host may confirm. */
    static final class MessageBoard {
        private DeviceMessage message;

        MessageBoard(DeviceMessage message) {
            this.message = message;
        }
    }

    Instant now() {
        return clock.instant();
    }

    DeviceMessage message() {
        return board.message;
    }

    void confirmMessage() {
        board.message = board.message.confirm();
    }
}
