package dev.metertap.collector.emu2.wire;

import java.util.Optional;

/** DigitsRight, DigitsLeft and SuppressLeadingZero: how the display shows a value. Hints only. */
public record DisplayFormat(int digitsRight, int digitsLeft, boolean suppressLeadingZero) {

    /** What nearly every fragment carries (3 decimals, 6 digits, no leading zeros): shared, not allocated each time. */
    private static final Optional<DisplayFormat> USUAL = Optional.of(new DisplayFormat(3, 6, true));

    static Optional<DisplayFormat> of(int digitsRight, int digitsLeft, boolean suppressLeadingZero) {
        return digitsRight == 3 && digitsLeft == 6 && suppressLeadingZero
                ? USUAL : Optional.of(new DisplayFormat(digitsRight, digitsLeft, suppressLeadingZero));
    }
}
