package dev.metertap.collector.emu2.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a USB serial device by vendor and product id through Linux sysfs, the way udev does:
 * {@code /sys/class/tty/ttyACM0/device} is the USB interface, and its parent holds
 * {@code idVendor} and {@code idProduct}.
 */
public final class UsbSerialPortFinder {

    /** Rainforest EMU-2 (Cypress USB CDC-ACM). */
    public static final String EMU2_VENDOR = "04b4";
    public static final String EMU2_PRODUCT = "0003";

    private final Path sysClassTty;
    private final Path dev;

    public UsbSerialPortFinder() {
        this(Path.of("/sys/class/tty"), Path.of("/dev"));
    }

    UsbSerialPortFinder(Path sysClassTty, Path dev) {
        this.sysClassTty = sysClassTty;
        this.dev = dev;
    }

    /** The device paths (for example {@code /dev/ttyACM0}) of every port with this VID:PID, sorted. */
    public List<String> find(String vendor, String product) {
        if (!Files.isDirectory(sysClassTty)) {
            return List.of();
        }
        try (Stream<Path> ttys = Files.list(sysClassTty)) {
            return ttys.filter(tty -> matches(tty, vendor, product))
                    .map(tty -> dev.resolve(tty.getFileName().toString()).toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public Optional<String> findEmu2() {
        return find(EMU2_VENDOR, EMU2_PRODUCT).stream().findFirst();
    }

    private static boolean matches(Path tty, String vendor, String product) {
        Path usbInterface = tty.resolve("device");
        if (!Files.exists(usbInterface)) {
            return false;
        }
        Path usbDevice = usbInterface.resolve("..");
        return vendor.equalsIgnoreCase(read(usbDevice.resolve("idVendor"))) && product.equalsIgnoreCase(read(usbDevice.resolve("idProduct")));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
