package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.CurrentSummationDelivered;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.InstantaneousDemand;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.PriceCluster;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.PriceReading;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.SummationReading;

import java.time.Instant;
import java.util.Optional;

/**
 * Wire messages to domain readings, in one place. Readings carry the device's time; a message
 * with the "no time" sentinel, or a price the device marks absent, gives no reading.
 *
 * <p>ConnectionStatus has no TimeStamp: its reading is timed by the device clock as last heard
 * (the newest TimeStamp plus the time since), and waits until one has been heard.
 */
final class ReadingMapper {

    private Instant lastDeviceTime;
    private long hostNanosAtLastDeviceTime;
    private ConnectionStatus linkWaitingForTime;

    Optional<Reading> toReading(Emu2Message message, Optional<MacId> soleMeter) {
        if (message instanceof InstantaneousDemand d) {
            return timed(d.timeStamp().instant()).map(time ->
                    new DemandReading(d.device().toString(), d.meter().toString(), time, d.kilowatts()));
        }
        if (message instanceof CurrentSummationDelivered s) {
            return timed(s.timeStamp().instant()).map(time -> new SummationReading(s.device().toString(),
                    s.meter().toString(), time, s.deliveredKwh(), s.receivedKwh()));
        }
        if (message instanceof PriceCluster p) {
            Optional<Instant> time = timed(p.timeStamp().instant());
            return p.pricePerKwh().flatMap(price -> time.map(at -> new PriceReading(p.device().toString(),
                    p.meter().toString(), at, p.currency().alphabetic(), price, p.tier())));
        }
        if (message instanceof ConnectionStatus c) {
            Optional<MacId> meter = c.meter().or(() -> soleMeter);
            if (meter.isEmpty()) {
                return Optional.empty();
            }
            if (lastDeviceTime == null) {
                linkWaitingForTime = c;
                return Optional.empty();
            }
            return Optional.of(link(c, meter.get(), deviceNow()));
        }
        return Optional.empty();
    }

    /** A link status that arrived before any device time, now that one is known. */
    Optional<Reading> pendingLink(Optional<MacId> soleMeter) {
        if (linkWaitingForTime == null || lastDeviceTime == null) {
            return Optional.empty();
        }
        ConnectionStatus waiting = linkWaitingForTime;
        linkWaitingForTime = null;
        return waiting.meter().or(() -> soleMeter).map(meter -> link(waiting, meter, lastDeviceTime));
    }

    private static LinkReading link(ConnectionStatus status, MacId meter, Instant time) {
        return new LinkReading(status.device().toString(), meter.toString(), time, status.status(), status.linkStrength());
    }

    private Optional<Instant> timed(Optional<Instant> time) {
        time.ifPresent(at -> {
            if (lastDeviceTime == null || !at.isBefore(lastDeviceTime)) {
                lastDeviceTime = at;
                hostNanosAtLastDeviceTime = System.nanoTime();
            }
        });
        return time;
    }

    private Instant deviceNow() {
        long elapsedSeconds = (System.nanoTime() - hostNanosAtLastDeviceTime) / 1_000_000_000L;
        return lastDeviceTime.plusSeconds(elapsedSeconds);
    }
}
