package dev.metertap.simulator.device;

import java.time.ZoneId;

/**
 * The household's shape.
 *
 * @param zone            where the house is (daily shape, solar, TOU price, LocalTime)
 * @param baseWatts       always-on load
 * @param solarPeakWatts  rooftop solar at a clear noon; 0 for none (demand goes negative when it exceeds the load)
 * @param appliances      fridge cycles, oven, dryer and EV charging on random days
 */
public record LoadSettings(ZoneId zone, int baseWatts, int solarPeakWatts, boolean appliances) {

    public static LoadSettings defaults() {
        return new LoadSettings(ZoneId.of("America/Los_Angeles"), 220, 0, true);
    }

    public LoadSettings withSolar(int peakWatts) {
        return new LoadSettings(zone, baseWatts, peakWatts, appliances);
    }

    public LoadSettings withZone(ZoneId newZone) {
        return new LoadSettings(newZone, baseWatts, solarPeakWatts, appliances);
    }
}
