package dev.metertap.simulator.endpoint;

import java.util.function.DoubleSupplier;

/**
 * How bytes leave the device. The EMU-2 is a USB CDC-ACM port: its bytes come in packets of at most 64 bytes, and a
 * write takes time, so a reader does not get a fragment in one read. Each supplier is read per write, so a fault or
 * the clock's speed can change them while the device runs.
 *
 * @param packetBytes          the most bytes handed on at once; 0 for whole writes
 * @param wallBytesPerSecond   the device's write rate in wall time (its rate × the clock's speed); 0 or less: no pacing
 * @param trickleBytesPerSecond fault {@code trickle}: when positive, pieces of 1 to 16 bytes at this rate instead
 */
public record WireTiming(int packetBytes, DoubleSupplier wallBytesPerSecond, DoubleSupplier trickleBytesPerSecond) {

    /** USB full-speed bulk packets. */
    public static final int USB_PACKET_BYTES = 64;

    /** Bytes exactly as written, at once: for a replay of a capture and for scripted bytes. */
    public static final WireTiming AS_WRITTEN = new WireTiming(0, () -> 0, () -> 0);

    public WireTiming {
        if (packetBytes < 0) {
            throw new IllegalArgumentException("packet size must not be negative");
        }
    }
}
