package dev.metertap.simulator.rtlamr;

/** The packet kinds rtlamr decodes, by the {@code Type} it writes in its JSON envelope. */
public enum RadioProtocol {
    SCM("SCM", 30, 0xFF_FFFFL),
    SCM_PLUS("SCM+", 30, 0xFFFF_FFFFL),
    IDM("IDM", 30, 0xFFFF_FFFFL),
    NET_IDM("NetIDM", 30, 0xFFFF_FFFFL),
    R900("R900", 60, 0x7FF_FFFFL);

    private final String wireName;
    private final int periodSeconds;
    private final long maxTotal;

    RadioProtocol(String wireName, int periodSeconds, long maxTotal) {
        this.wireName = wireName;
        this.periodSeconds = periodSeconds;
        this.maxTotal = maxTotal;
    }

    /** The envelope's {@code Type}. */
    public String wireName() {
        return wireName;
    }

    /** About how often a meter of this kind transmits. */
    public int periodSeconds() {
        return periodSeconds;
    }

    /** The widest total the packet carries (SCM's is 24 bits, R900's 27). */
    public long maxTotal() {
        return maxTotal;
    }

    /** Accepts the wire name ({@code SCM+}) or the enum's ({@code scm-plus}, {@code netidm}), any case. */
    public static RadioProtocol parse(String text) {
        for (RadioProtocol p : values()) {
            if (p.wireName.equalsIgnoreCase(text) || p.name().replace("_", "").equalsIgnoreCase(text.replace("-", ""))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown message type '" + text + "' (SCM, SCM+, IDM, NetIDM, R900)");
    }

    public boolean hasIntervals() {
        return this == IDM || this == NET_IDM;
    }
}
