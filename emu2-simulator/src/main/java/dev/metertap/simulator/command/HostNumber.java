package dev.metertap.simulator.command;

import java.util.OptionalLong;

/** Numbers as hosts send them: {@code 0x} hex in either case, or decimal. */
public final class HostNumber {

    private HostNumber() {
    }

    /** The value, or empty when the text is not a number (or needs more than 64 bits). */
    public static OptionalLong parse(String text) {
        String t = text.trim();
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                String digits = t.substring(2);
                return digits.length() > 16 ? OptionalLong.empty() : OptionalLong.of(Long.parseUnsignedLong(digits, 16));
            }
            if (!t.isEmpty() && t.length() <= 19 && t.chars().allMatch(Character::isDigit)) {
                return OptionalLong.of(Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
