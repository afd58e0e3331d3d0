package dev.metertap.simulator.device;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * A house's net power draw as a pure function of time and seed: base load, a daily shape (morning
 * and evening bumps), a fridge cycling, an oven, a dryer and an EV charger on random days, and
 * optional rooftop solar that can drive the net negative around midday. A fixed value or an extra
 * load can be set at run time (the control API's "change the load").
 */
public final class HouseholdLoad {

    private static final int FRIDGE_WATTS = 150;
    private static final int OVEN_WATTS = 2400;
    private static final int DRYER_WATTS = 3000;
    private static final int EV_WATTS = 7200;

    private final long seed;
    private final LoadSettings settings;
    private volatile int extraWatts;
    private volatile Integer fixedWatts;

    public HouseholdLoad(long seed, LoadSettings settings) {
        this.seed = seed;
        this.settings = settings;
    }

    public LoadSettings settings() {
        return settings;
    }

    /** Energy a meter counts: watt-seconds drawn from the grid (delivered) and sent back to it (received). */
    public record Energy(long deliveredWattSeconds, long receivedWattSeconds) {
    }

    /**
     * What the house's meter counts over [from, to): the net watts of each whole second in it, drawn or sent back.
     * The virtual EMU-2's summations and any other harness that plays the same meter (the demo's PG&amp;E) use this,
     * so both see one house.
     */
    public Energy energy(Instant from, Instant to) {
        long delivered = 0;
        long received = 0;
        for (long s = from.getEpochSecond(); s < to.getEpochSecond(); s++) {
            int w = watts(Instant.ofEpochSecond(s));
            if (w > 0) {
                delivered += w;
            } else {
                received -= w;
            }
        }
        return new Energy(delivered, received);
    }

    /** Net watts drawn at {@code t} (negative when exporting). */
    public int watts(Instant t) {
        Integer fixed = fixedWatts;
        if (fixed != null) {
            return fixed;
        }
        ZonedDateTime local = t.atZone(settings.zone());
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double watts = settings.baseWatts()
                + 420 * bump(hour, 7.5, 1.0)
                + 950 * bump(hour, 19.0, 1.8)
                + 120 * bump(hour, 12.5, 2.5);
        long secondOfDay = local.toLocalTime().toSecondOfDay();
        if (settings.appliances()) {
            long fridgePhase = Math.floorMod(seed, 3600);
            if (Math.floorMod(secondOfDay + fridgePhase, 3600) < 1200) {
                watts += FRIDGE_WATTS;
            }
            LocalDate day = local.toLocalDate();
            watts += appliances(day, secondOfDay);
            watts += eveningCharge(day.minusDays(1), secondOfDay + 86_400);
        }
        if (settings.solarPeakWatts() > 0) {
            watts -= solar(local.toLocalDate(), hour);
        }
        watts += noise(t.getEpochSecond() / 8);
        return (int) Math.round(watts) + extraWatts;
    }

    private double appliances(LocalDate day, long secondOfDay) {
        SplittableRandom random = dayRandom(day, 1);
        double watts = 0;
        if (random.nextDouble() < 0.6) {
            long start = 17 * 3600 + random.nextLong(90 * 60);
            long length = 30 * 60 + random.nextLong(40 * 60);
            watts += within(secondOfDay, start, length) ? OVEN_WATTS : 0;
        } else {
            random.nextLong();
            random.nextLong();
        }
        if (random.nextDouble() < 0.35) {
            long start = 9 * 3600 + random.nextLong(11 * 3600);
            long length = 50 * 60 + random.nextLong(20 * 60);
            watts += within(secondOfDay, start, length) ? DRYER_WATTS : 0;
        }
        return watts + eveningCharge(day, secondOfDay);
    }

    /** EV charging starting late evening, possibly running past midnight (hence also asked of yesterday). */
    private double eveningCharge(LocalDate day, long secondOfDay) {
        SplittableRandom random = dayRandom(day, 2);
        if (random.nextDouble() >= 0.5) {
            return 0;
        }
        long start = 22 * 3600 + random.nextLong(90 * 60);
        long length = 90 * 60 + random.nextLong(150 * 60);
        return within(secondOfDay, start, length) ? EV_WATTS : 0;
    }

    private double solar(LocalDate day, double hour) {
        if (hour < 6.5 || hour > 19.5) {
            return 0;
        }
        double clearness = 0.6 + 0.4 * dayRandom(day, 3).nextDouble();
        return settings.solarPeakWatts() * clearness * Math.sin(Math.PI * (hour - 6.5) / 13.0);
    }

    private SplittableRandom dayRandom(LocalDate day, int stream) {
        return new SplittableRandom(seed * 1_000_003L + day.toEpochDay() * 31 + stream);
    }

    private double noise(long slot) {
        return new SplittableRandom(seed ^ (slot * 0x9E3779B97F4A7C15L)).nextInt(-30, 31);
    }

    private static boolean within(long second, long start, long length) {
        return second >= start && second < start + length;
    }

    private static double bump(double hour, double centre, double width) {
        double d = (hour - centre) / width;
        return Math.exp(-d * d);
    }

    /** Adds watts to whatever the model says (negative to shed load). */
    public void setExtraWatts(int watts) {
        this.extraWatts = watts;
    }

    public int extraWatts() {
        return extraWatts;
    }

    /** Pins the net load to exactly {@code watts}, or releases it with null. */
    public void setFixedWatts(Integer watts) {
        this.fixedWatts = watts;
    }

    public Integer fixedWatts() {
        return fixedWatts;
    }
}
