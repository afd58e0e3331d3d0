package dev.metertap.collector.cli;

import dev.metertap.collector.reading.AmrConsumptionReading;
import dev.metertap.collector.reading.AmrIntervalReading;
import dev.metertap.collector.reading.BaselineReading;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;

/** How {@code emu2 listen} prints: line protocol, JSON per decoded message, or text for people. */
enum ReadingFormat {
    /** InfluxDB line protocol, the data model in the README (for Telegraf's execd input). */
    ILP,
    /** One JSON object per decoded message, with the record's fields. */
    JSON,
    /** One line per reading for people. */
    TEXT;

    static String text(Reading reading) {
        String time = reading.time().toString();
        if (reading instanceof DemandReading d) {
            return time + "  demand     " + d.kw().toPlainString() + " kW  (meter " + d.meter() + ")";
        }
        if (reading instanceof SummationReading s) {
            return time + "  summation  " + s.deliveredKwh().toPlainString() + " kWh delivered, "
                    + s.receivedKwh().toPlainString() + " kWh received  (meter " + s.meter() + ")";
        }
        if (reading instanceof PriceReading p) {
            return time + "  price      " + p.price().toPlainString() + " " + p.currency() + "/kWh, tier " + p.tier();
        }
        if (reading instanceof LinkReading l) {
            return time + "  link       " + l.status() + ", strength " + l.linkStrength() + " %";
        }
        if (reading instanceof BaselineReading b) {
            return time + "  always-on  " + b.watts().toPlainString() + " W that night (measured on " + b.source() + ")";
        }
        if (reading instanceof AmrConsumptionReading a) {
            return time + "  total      " + a.consumption() + (a.generation() != null ? " (generation " + a.generation() + ")" : "")
                    + "  (meter " + a.meterId() + ", " + a.msgType() + ")";
        }
        if (reading instanceof AmrIntervalReading a) {
            return time + "  5-minute   " + a.consumption() + "  (meter " + a.meterId() + ", " + a.msgType() + " interval " + a.interval() + ")";
        }
        IntervalReading i = (IntervalReading) reading;
        return time + "  interval   " + i.value().toPlainString() + " " + i.unit().symbol() + " (" + i.usagePoint() + ")";
    }

    static String ilp(Reading reading) {
        return LineProtocol.encode(reading.toPoint());
    }
}
