package dev.metertap.simulator.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FragmentWriterTest {

    private final FragmentWriter writer = new FragmentWriter();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = FragmentWriterTest.class.getResourceAsStream("/fragments/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Fragment demand(String demandHex) {
        return Fragment.builder("InstantaneousDemand")
                .child("DeviceMacId", Hex.mac(0xd8d5b90000001234L))
                .child("MeterMacId", Hex.mac(0x00135003004f5a6bL))
                .child("TimeStamp", DeviceTime.hex(Instant.parse("2024-06-01T12:00:00Z")))
                .child("Demand", demandHex)
                .child("Multiplier", Hex.of(1, 8))
                .child("Divisor", Hex.of(1000, 8))
                .child("DigitsRight", Hex.of(3, 2))
                .child("DigitsLeft", Hex.of(6, 2))
                .child("SuppressLeadingZero", "Y")
                .build();
    }

    @Test
    void writesTheReferenceExampleByteForByte() throws IOException {
        assertThat(writer.bytes(demand(Hex.demand(1234)))).isEqualTo(fixture("demand-reference-example.txt"));
    }

    @Test
    void writesSolarExportAsThirtyTwoBitTwosComplement() throws IOException {
        assertThat(Hex.demand(-2296)).isEqualTo("0xfffff708");
        assertThat(writer.bytes(demand(Hex.demand(-2296)))).isEqualTo(fixture("demand-negative-solar-export.txt"));
    }

    @Test
    void padsHexToTheDevicesWidths() {
        assertThat(Hex.demand(0)).isEqualTo("0x000000");
        assertThat(Hex.demand(0x1234567)).isEqualTo("0x1234567");
        assertThat(Hex.demand(-1)).isEqualTo("0xffffffff");
        assertThat(Hex.of(0x3e8, 8)).isEqualTo("0x000003e8");
        assertThat(Hex.of(0x123456789abL, 16)).isEqualTo("0x00000123456789ab");
        assertThat(Hex.mac(0xd8d5b90000001234L)).isEqualTo("0xd8d5b90000001234");
        assertThat(Hex.of(840, 4)).isEqualTo("0x0348");
    }

    @Test
    void countsDeviceTimeFromTwoThousand() {
        assertThat(DeviceTime.hex(Instant.parse("2024-06-01T12:00:00Z"))).isEqualTo("0x2dedc9c0");
        assertThat(DeviceTime.instant(0)).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Test
    void encodesCp1252AndEscapesText() {
        Fragment f = Fragment.builder("DeviceInfo").child("DateCode", "\u00ff\u00ff").text("Text", "a<b & c").build();
        byte[] bytes = writer.bytes(f);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).isEqualTo("<DeviceInfo>\r\n  <DateCode>\u00ff\u00ff</DateCode>\r\n  <Text>a&lt;b &amp; c</Text>\r\n</DeviceInfo>\r\n");
        assertThat(bytes[bytes.length - text.length() + "<DeviceInfo>\r\n  <DateCode>".length()]).isEqualTo((byte) 0xff);
    }
}
