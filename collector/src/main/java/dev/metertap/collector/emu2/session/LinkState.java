package dev.metertap.collector.emu2.session;

/**
 * The display's link to the meter as last reported.
 *
 * @param status       the last ConnectionStatus Status ({@code Connected}, {@code Rejoining}, …), or "unknown"
 * @param linkStrength 0–100
 */
public record LinkState(String status, int linkStrength) {

    public static final LinkState UNKNOWN = new LinkState("unknown", 0);

    public boolean isConnected() {
        return status.equalsIgnoreCase("Connected");
    }

    public boolean isRejoining() {
        return status.equalsIgnoreCase("Rejoining");
    }
}
