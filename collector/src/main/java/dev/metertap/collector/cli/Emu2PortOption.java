package dev.metertap.collector.cli;

import dev.metertap.collector.emu2.transport.Endpoint;
import dev.metertap.collector.emu2.transport.UsbSerialPortFinder;
import picocli.CommandLine.Option;

/** {@code --port}: where the EMU-2 is; by default the one found on USB. */
final class Emu2PortOption {

    @Option(names = "--port", paramLabel = "PATH|tcp://HOST:PORT",
            description = "Serial port (/dev/ttyACM0, /dev/serial/by-id/…, a symlink such as /tmp/emu2/ttyEMU2) "
                    + "or tcp://HOST:PORT. Default: the USB device with the EMU-2's id 04B4:0003.")
    String port;

    Endpoint endpoint() {
        return Endpoint.orDetect(port, UsbSerialPortFinder::new);
    }
}
