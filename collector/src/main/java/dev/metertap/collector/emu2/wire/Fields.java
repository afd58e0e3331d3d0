package dev.metertap.collector.emu2.wire;

import dev.metertap.collector.emu2.frame.ChildName;
import dev.metertap.collector.emu2.frame.Fragment;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads one fragment's children by name, converting each raw value in one place: hex of a given
 * bit width, device times, Y/N, decimal, text. Anything unreadable rejects the whole fragment.
 */
final class Fields {

    private final Fragment fragment;
    private final String root;
    private int cursor;

    Fields(Fragment fragment, String root) {
        this.fragment = fragment;
        this.root = root;
    }

    RejectedFragmentException reject(String reason) {
        return new RejectedFragmentException(root, reason);
    }

    /** Index of the named child, or -1; searching on from the last one found (the device's order). */
    int find(ChildName name) {
        int child = fragment.indexOf(name, cursor);
        if (child >= 0) {
            cursor = child + 1 == fragment.childCount() ? 0 : child + 1;
        }
        return child;
    }

    int require(ChildName name) throws RejectedFragmentException {
        int child = find(name);
        if (child < 0) {
            throw reject(name + " missing");
        }
        return child;
    }

    boolean isEmpty(int child) {
        int start = fragment.valueStart(child);
        int end = start + fragment.valueLength(child);
        for (int i = start; i < end; i++) {
            if (!isSpace(fragment.byteAt(i))) {
                return false;
            }
        }
        return true;
    }

    // --- hex ---------------------------------------------------------------------------------

    /** A required hex value of at most {@code bits} bits, unsigned. */
    long hex(ChildName name, int bits) throws RejectedFragmentException {
        return hexAt(require(name), name, bits);
    }

    /** An optional hex value: absent when the child is missing or empty. */
    Optional<Long> optionalHex(ChildName name, int bits) throws RejectedFragmentException {
        int child = find(name);
        return child < 0 || isEmpty(child) ? Optional.empty() : Optional.of(hexAt(child, name, bits));
    }

    long hexAt(int child, Object name, int bits) throws RejectedFragmentException {
        int start = fragment.valueStart(child);
        int end = start + fragment.valueLength(child);
        while (start < end && isSpace(fragment.byteAt(start))) {
            start++;
        }
        while (end > start && isSpace(fragment.byteAt(end - 1))) {
            end--;
        }
        int digits = end - start - 2;
        if (digits < 1 || fragment.byteAt(start) != '0' || (fragment.byteAt(start + 1) | 0x20) != 'x') {
            throw reject(name + " is not hex (0x…): " + quote(child));
        }
        if (digits > bits / 4) {
            throw reject(name + " has more than " + bits + " bits: " + quote(child));
        }
        long value = 0;
        for (int i = start + 2; i < end; i++) {
            int nibble = Character.digit(fragment.byteAt(i), 16);
            if (nibble < 0) {
                throw reject(name + " is not hex: " + quote(child));
            }
            value = value << 4 | nibble;
        }
        return value;
    }

    MacId mac(ChildName name) throws RejectedFragmentException {
        return new MacId(hex(name, 64));
    }

    Optional<MacId> optionalMac(ChildName name) throws RejectedFragmentException {
        return optionalHex(name, 64).map(MacId::new);
    }

    int hex8(ChildName name) throws RejectedFragmentException {
        return (int) hex(name, 8);
    }

    int hex16(ChildName name) throws RejectedFragmentException {
        return (int) hex(name, 16);
    }

    Emu2Time time(ChildName name) throws RejectedFragmentException {
        return new Emu2Time(hex(name, 32));
    }

    /** An optional time; the sentinel 0xffffffff counts as absent. */
    Optional<Emu2Time> optionalTime(ChildName name) throws RejectedFragmentException {
        return optionalHex(name, 32).map(Emu2Time::new).filter(time -> !time.isAbsent());
    }

    /** An optional duration in seconds; the sentinel 0xffff counts as absent. */
    Optional<Duration> optionalDuration(ChildName name) throws RejectedFragmentException {
        return optionalHex(name, 16).filter(seconds -> seconds != 0xffff).map(Duration::ofSeconds);
    }

    Scale scale(ChildName multiplier, ChildName divisor) throws RejectedFragmentException {
        return Scale.of(hex(multiplier, 32), hex(divisor, 32));
    }

    /** Link strength 0x00–0x64 (percent). */
    int percent(ChildName name) throws RejectedFragmentException {
        long value = hex(name, 8);
        if (value > 100) {
            throw reject(name + " is over 100 %: " + quote(find(name)));
        }
        return (int) value;
    }

    // --- other scalars -----------------------------------------------------------------------

    boolean yesNo(ChildName name) throws RejectedFragmentException {
        return yesNoAt(require(name), name);
    }

    Optional<Boolean> optionalYesNo(ChildName name) throws RejectedFragmentException {
        int child = find(name);
        return child < 0 || isEmpty(child) ? Optional.empty() : Optional.of(yesNoAt(child, name));
    }

    boolean yesNoAt(int child, ChildName name) throws RejectedFragmentException {
        String value = fragment.rawValue(child).strip();
        if (value.equalsIgnoreCase("Y")) {
            return true;
        }
        if (value.equalsIgnoreCase("N")) {
            return false;
        }
        throw reject(name + " must be Y or N: " + quote(child));
    }

    /** A decimal number (Channel), also accepting hex with 0x. */
    Optional<Integer> optionalNumber(ChildName name) throws RejectedFragmentException {
        int child = find(name);
        if (child < 0 || isEmpty(child)) {
            return Optional.empty();
        }
        String value = fragment.rawValue(child).strip();
        if (value.regionMatches(true, 0, "0x", 0, 2)) {
            return Optional.of((int) hexAt(child, name, 32));
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException notANumber) {
            throw reject(name + " is not a number: " + quote(child));
        }
    }

    /** Required, decoded text; may be empty. */
    String text(ChildName name) throws RejectedFragmentException {
        return textAt(require(name));
    }

    /** Decoded text; absent when missing or empty. */
    Optional<String> optionalText(ChildName name) {
        int child = find(name);
        if (child < 0 || isEmpty(child)) {
            return Optional.empty();
        }
        return Optional.of(textAt(child));
    }

    String textAt(int child) {
        return Emu2Text.decode(fragment.rawValue(child).strip());
    }

    String rawAt(int child) {
        return fragment.rawValue(child);
    }

    String nameAt(int child) {
        return fragment.childName(child);
    }

    int childCount() {
        return fragment.childCount();
    }

    private String quote(int child) {
        String raw = child < 0 ? "" : fragment.rawValue(child);
        return '"' + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + '"';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
