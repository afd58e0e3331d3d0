package dev.metertap.demo;

import dev.metertap.collector.emu2.session.Emu2Session;
import dev.metertap.collector.emu2.session.Emu2Stats;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.SummationReading;
import dev.metertap.simulator.Emu2Simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The one line the demo keeps rewriting: device time, demand, totals, fragments, backfill. */
final class StatusLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private StatusLine() {
    }

    static String of(Emu2Simulator emu, Emu2Session session, LiveTally tally) {
        DemandReading demand = tally.lastDemand();
        SummationReading summation = tally.lastSummation();
        Emu2Stats stats = session.stats();
        return String.format("%s | demand %s | delivered %s, received %s | fragments %d accepted, %d cut short | PG&E %s",
                LocalDateTime.ofInstant(emu.now(), DemoRun.ZONE).format(TIME),
                demand == null ? "-" : demand.kw().toPlainString() + " kW",
                summation == null ? "-" : summation.deliveredKwh().toPlainString() + " kWh",
                summation == null ? "-" : summation.receivedKwh().toPlainString() + " kWh",
                stats.accepted(), stats.clobbered(), tally.backfill());
    }
}
