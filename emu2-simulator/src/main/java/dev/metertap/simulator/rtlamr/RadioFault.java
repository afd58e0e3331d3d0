package dev.metertap.simulator.rtlamr;

/**
 * What goes wrong with a real rtlamr, each applied once per journal after a given number of messages: it
 * {@code EXIT}s (rtl_tcp went away: rtlamr logs and exits 1), {@code STALL}s (the dongle stops delivering samples:
 * the process lives on and writes nothing), or its output is {@code CUT} mid-line (a TCP bridge or pipe torn down).
 */
public enum RadioFault {
    EXIT, STALL, CUT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RadioFault parse(String text) {
        for (RadioFault f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "' (exit, stall, cut)");
    }
}
