package dev.metertap.collector.emu2.wire;

/** DigitsRight, DigitsLeft and SuppressLeadingZero: how the display shows a value. Hints only. */
public record DisplayFormat(int digitsRight, int digitsLeft, boolean suppressLeadingZero) {
}
