package dev.metertap.collector.emu2.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Multiplier and Divisor: quantity = raw × multiplier ÷ divisor, where 0 counts as 1 (meters send
 * zeros). Results are exact decimals; a divisor that is not a power of ten (rare) is rounded to 20
 * significant digits.
 */
public record Scale(long multiplier, long divisor) {

    private static final MathContext NON_TERMINATING = new MathContext(20);
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
            10_000_000L, 100_000_000L, 1_000_000_000L};

    public static final Scale KILO = new Scale(1, 1000);

    public Scale {
        if (multiplier < 0 || divisor < 0) {
            throw new IllegalArgumentException("multiplier and divisor are unsigned, were " + multiplier + "/" + divisor);
        }
    }

    /** The scale for these raw values; the usual kilo scale is shared rather than allocated per fragment. */
    public static Scale of(long multiplier, long divisor) {
        return multiplier == 1 && divisor == 1000 ? KILO : new Scale(multiplier, divisor);
    }

    public long effectiveMultiplier() {
        return multiplier == 0 ? 1 : multiplier;
    }

    public long effectiveDivisor() {
        return divisor == 0 ? 1 : divisor;
    }

    /** A signed raw value (demand) scaled. */
    public BigDecimal apply(long raw) {
        long multiplied;
        try {
            multiplied = Math.multiplyExact(raw, effectiveMultiplier());
        } catch (ArithmeticException overflow) {
            return divide(BigDecimal.valueOf(raw).multiply(BigDecimal.valueOf(effectiveMultiplier())));
        }
        int decimals = decimalsOf(effectiveDivisor());
        return decimals >= 0 ? BigDecimal.valueOf(multiplied, decimals) : divide(BigDecimal.valueOf(multiplied));
    }

    /** An unsigned 64-bit raw value (summation) scaled. */
    public BigDecimal applyUnsigned(long raw) {
        if (raw >= 0) {
            return apply(raw);
        }
        BigInteger unsigned = BigInteger.valueOf(raw).add(BigInteger.ONE.shiftLeft(64));
        return divide(new BigDecimal(unsigned).multiply(BigDecimal.valueOf(effectiveMultiplier())));
    }

    private BigDecimal divide(BigDecimal multiplied) {
        long divisorValue = effectiveDivisor();
        int decimals = decimalsOf(divisorValue);
        if (decimals >= 0) {
            return multiplied.movePointLeft(decimals);
        }
        return multiplied.divide(BigDecimal.valueOf(divisorValue), NON_TERMINATING);
    }

    private static int decimalsOf(long divisor) {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            if (POWERS_OF_TEN[i] == divisor) {
                return i;
            }
        }
        return -1;
    }
}
