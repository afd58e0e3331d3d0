package dev.metertap.simulator.wire;

/** Hex integers the way the device writes them: {@code 0x}, lowercase digits, zero-padded to the real width. */
public final class Hex {

    private Hex() {
    }

    /** {@code value} (taken as unsigned) with at least {@code digits} digits. */
    public static String of(long value, int digits) {
        String hex = Long.toHexString(value);
        StringBuilder out = new StringBuilder(2 + Math.max(digits, hex.length())).append("0x");
        for (int i = hex.length(); i < digits; i++) {
            out.append('0');
        }
        return out.append(hex).toString();
    }

    /** A MAC id: 16 digits. */
    public static String mac(long value) {
        return of(value, 16);
    }

    /**
     * An instantaneous demand: 6 digits when positive, the 32-bit two's complement (8 digits) when
     * negative, as a real unit sends solar export ({@code -2296} is {@code 0xfffff708}).
     */
    public static String demand(int raw) {
        return raw >= 0 ? of(raw, 6) : of(Integer.toUnsignedLong(raw), 8);
    }
}
