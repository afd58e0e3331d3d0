package dev.metertap.collector.emu2.wire;

/** A 64-bit ZigBee MAC id (DeviceMacId, MeterMacId, CoordMacId), written {@code 0x} + 16 hex digits. */
public record MacId(long value) {

    @Override
    public String toString() {
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(16 - hex.length()) + hex;
    }

    /** Parses {@code 0x…} (1 to 16 hex digits, any case). */
    public static MacId parse(String text) {
        String digits = text.strip();
        if (!digits.regionMatches(true, 0, "0x", 0, 2) || digits.length() < 3 || digits.length() > 18) {
            throw new IllegalArgumentException("not a MAC id (0x + up to 16 hex digits): " + text);
        }
        return new MacId(Long.parseUnsignedLong(digits.substring(2), 16));
    }
}
