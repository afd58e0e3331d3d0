package dev.metertap.simulator.device;

/**
 * Where the device's bytes go: every attached endpoint. Called on the simulation's thread; must not
 * block for long (endpoints queue).
 */
public interface DeviceOutput {

    /** Sends bytes to every reader. */
    void write(byte[] bytes);

    /** The USB cable is pulled: ports disappear, readers get end-of-file. */
    void unplug();

    /** The cable is back: ports reappear at the same paths. */
    void replug();

    /** Bytes queued but not yet written. */
    long pendingBytes();

    /** Discards everything. */
    DeviceOutput NONE = new DeviceOutput() {
        @Override
        public void write(byte[] bytes) {
        }

        @Override
        public void unplug() {
        }

        @Override
        public void replug() {
        }

        @Override
        public long pendingBytes() {
            return 0;
        }
    };
}
