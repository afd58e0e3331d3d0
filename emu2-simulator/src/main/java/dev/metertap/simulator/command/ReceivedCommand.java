package dev.metertap.simulator.command;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A command as the device understood it: the name in lowercase and the other children by lowercase
 * name, values trimmed.
 */
public record ReceivedCommand(String name, Map<String, String> params) {

    public ReceivedCommand {
        name = name.trim().toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public Optional<String> param(String key) {
        String value = params.get(key.toLowerCase(Locale.ROOT));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A numeric parameter, hex ({@code 0x1F}, any case) or decimal; empty when absent. */
    public OptionalLong number(String key) {
        Optional<String> value = param(key);
        return value.isEmpty() ? OptionalLong.empty() : HostNumber.parse(value.get());
    }

    /** A Y/N parameter; {@code fallback} when absent. */
    public boolean flag(String key, boolean fallback) {
        return param(key).map(v -> v.equalsIgnoreCase("Y") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true"))
                .orElse(fallback);
    }
}
