package dev.metertap.simulator.device;

/**
 * A meter the device is joined to, and how it scales its numbers.
 *
 * @param macId      MeterMacId
 * @param multiplier Multiplier (Itron meters send 3)
 * @param divisor    Divisor (0x3e8 for kW and kWh)
 * @param nickName   as set by set_meter_info
 */
public record MeterSpec(long macId, int multiplier, int divisor, String nickName) {

    public MeterSpec {
        if (multiplier <= 0 || divisor <= 0) {
            throw new IllegalArgumentException("multiplier and divisor must be positive");
        }
    }

    /** A meter with Multiplier 1 and Divisor 1000. */
    public static MeterSpec of(long macId) {
        return new MeterSpec(macId, 1, 1000, "");
    }

    /** An Itron-style meter: Multiplier 3, Divisor 1000 (MeterMacId conventionally begins 0x001c64). */
    public static MeterSpec itron(long macId) {
        return new MeterSpec(macId, 3, 1000, "");
    }
}
