package dev.metertap.collector.emu2.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Discovery through a sysfs tree laid out as Linux does for USB CDC-ACM devices. */
class UsbSerialPortFinderTest {

    @TempDir
    Path root;

    private void usbTty(String tty, String usbPath, String vendor, String product) throws IOException {
        Path usbDevice = root.resolve("devices/pci0000:00/" + usbPath);
        Path usbInterface = usbDevice.resolve(usbPath.substring(usbPath.lastIndexOf('/') + 1) + ":1.0");
        Files.createDirectories(usbInterface);
        Files.writeString(usbDevice.resolve("idVendor"), vendor + "\n");
        Files.writeString(usbDevice.resolve("idProduct"), product + "\n");
        Path classTty = Files.createDirectories(root.resolve("class/tty/" + tty));
        Files.createSymbolicLink(classTty.resolve("device"), usbInterface);
    }

    @Test
    void findsTheEmu2ByVendorAndProduct() throws IOException {
        usbTty("ttyACM0", "usb1/1-1", "2341", "0043");  // another CDC-ACM device
        usbTty("ttyACM1", "usb1/1-2", "04b4", "0003");
        Files.createDirectories(root.resolve("class/tty/ttyS0"));  // no USB device behind it
        UsbSerialPortFinder finder = new UsbSerialPortFinder(root.resolve("class/tty"), Path.of("/dev"));
        assertThat(finder.findEmu2()).contains("/dev/ttyACM1");
        assertThat(Endpoint.orDetect(null, () -> finder)).isEqualTo(new Endpoint("/dev/ttyACM1"));
    }

    @Test
    void saysWhatToDoWhenThereIsNone() {
        UsbSerialPortFinder finder = new UsbSerialPortFinder(root.resolve("missing"), Path.of("/dev"));
        assertThat(finder.findEmu2()).isEmpty();
        assertThatThrownBy(() -> Endpoint.orDetect("", () -> finder)).hasMessageContaining("give --port");
    }
}
