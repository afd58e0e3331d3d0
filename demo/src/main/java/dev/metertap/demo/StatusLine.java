package dev.metertap.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one line the demo keeps rewriting: device time, demand, the speed when the one asked for is not reached, the
 * meter's totals, PG&E, fragments. It is cut to the terminal's width, dropping the least telling parts first.
 *
 * @param reachedSpeed present when the device runs markedly slower than {@code askedSpeed}
 */
record StatusLine(Instant deviceTime, Optional<BigDecimal> demandKw, Optional<BigDecimal> deliveredKwh,
                  Optional<BigDecimal> receivedKwh, long fragments, long cutShort, String pge,
                  OptionalDouble reachedSpeed, double askedSpeed) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);
    private static final String SEPARATOR = " | ";

    /**
     * The line in at most {@code columns - 1} characters (a full last column makes some terminals wrap): the parts in
     * order of interest, each one that still fits.
     */
    String fit(int columns) {
        int room = Math.max(1, columns - 1);
        List<String> parts = new ArrayList<>(List.of(
                LocalDateTime.ofInstant(deviceTime, DemoRun.ZONE).format(TIME),
                demandKw.map(kw -> kw.toPlainString() + " kW").orElse("- kW")));
        reachedSpeed.ifPresent(reached -> parts.add(String.format("speed %.0fx of %sx", reached, Durations.plain(askedSpeed))));
        parts.add(kwh(deliveredKwh) + " kWh in, " + kwh(receivedKwh) + " out");
        parts.add("PG&E " + pge);
        parts.add(fragments + " fragments, " + cutShort + " cut short");
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            String next = line.isEmpty() ? part : SEPARATOR + part;
            if (line.length() + next.length() <= room) {
                line.append(next);
            }
        }
        return line.isEmpty() ? parts.get(0).substring(0, Math.min(room, parts.get(0).length())) : line.toString();
    }

    private static String kwh(Optional<BigDecimal> value) {
        return value.map(BigDecimal::toPlainString).orElse("-");
    }
}
