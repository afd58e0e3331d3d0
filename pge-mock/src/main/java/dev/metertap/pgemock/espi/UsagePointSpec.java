package dev.metertap.pgemock.espi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metered service of the mock customer.
 *
 * @param id              10 digits, like PG&amp;E's usage point ids
 * @param commodity       electricity or gas
 * @param intervalSeconds 900 or 3600 for electricity, 86400 for gas
 * @param solar           electricity only: the point also exports (a second reading type, flowDirection 19)
 */
public record UsagePointSpec(String id, Commodity commodity, int intervalSeconds, boolean solar) {

    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");

    public UsagePointSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(commodity, "commodity");
        if (!TEN_DIGITS.matcher(id).matches()) {
            throw new IllegalArgumentException("usage point id must be 10 digits: " + id);
        }
        switch (commodity) {
            case ELECTRICITY -> {
                if (intervalSeconds != 900 && intervalSeconds != 3600) {
                    throw new IllegalArgumentException("electric interval must be 900 or 3600 s: " + intervalSeconds);
                }
            }
            case GAS -> {
                if (intervalSeconds != 86400) {
                    throw new IllegalArgumentException("gas interval must be 86400 s: " + intervalSeconds);
                }
                if (solar) {
                    throw new IllegalArgumentException("a gas usage point cannot export");
                }
            }
        }
    }

    public static UsagePointSpec electric(String id, int intervalSeconds) {
        return new UsagePointSpec(id, Commodity.ELECTRICITY, intervalSeconds, false);
    }

    public static UsagePointSpec solar(String id, int intervalSeconds) {
        return new UsagePointSpec(id, Commodity.ELECTRICITY, intervalSeconds, true);
    }

    public static UsagePointSpec gas(String id) {
        return new UsagePointSpec(id, Commodity.GAS, 86400, false);
    }

    /** The flows this point publishes, each with its own MeterReading and ReadingType. */
    public List<Flow> flows() {
        return solar ? List.of(Flow.DELIVERED, Flow.RECEIVED) : List.of(Flow.DELIVERED);
    }
}
