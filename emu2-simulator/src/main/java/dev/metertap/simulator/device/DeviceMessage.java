package dev.metertap.simulator.device;

/** The message the utility put on the display. */
record DeviceMessage(long id, String text, String priority, boolean confirmationRequired, boolean confirmed) {

    DeviceMessage confirm() {
        return new DeviceMessage(id, text, priority, confirmationRequired, true);
    }
}
