package dev.metertap.collector.emu2.transport;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where the EMU-2 is: a serial path ({@code /dev/ttyACM0}, a by-id or udev symlink, a pty) or
 * {@code tcp://HOST:PORT}. With none given, the first USB device with the EMU-2's VID:PID.
 */
public record Endpoint(String spec) {

    public static Endpoint parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("an EMU-2 port is a serial path or tcp://HOST:PORT");
        }
        Endpoint endpoint = new Endpoint(spec.strip());
        endpoint.transport();  // validates
        return endpoint;
    }

    /** The configured port, or the EMU-2 found on USB. */
    public static Endpoint orDetect(String spec, Supplier<UsbSerialPortFinder> finder) {
        if (spec != null && !spec.isBlank()) {
            return parse(spec);
        }
        return finder.get().findEmu2().map(Endpoint::new).orElseThrow(() -> new IllegalArgumentException(
                "no EMU-2 found on USB (vendor 04b4, product 0003); give --port /dev/ttyACM0 or tcp://HOST:PORT"));
    }

    public ByteTransport transport() {
        if (spec.regionMatches(true, 0, "tcp://", 0, 6)) {
            URI uri = URI.create(spec);
            if (uri.getHost() == null || uri.getPort() < 1) {
                throw new IllegalArgumentException("a TCP port is tcp://HOST:PORT, not " + spec);
            }
            return new TcpTransport(uri.getHost(), uri.getPort());
        }
        return new SerialTransport(spec);
    }

    @Override
    public String toString() {
        return spec;
    }
}
