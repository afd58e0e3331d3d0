package dev.metertap.collector.emu2.session;

import dev.metertap.collector.reading.LinkReading;

import java.util.HashMap;
import java.util.Map;

/** The last link status passed on per meter: a link reading goes on only when status or strength changed. */
final class LinkChanges {

    private record Link(String status, int strength) {
    }

    private final Map<String, Link> last = new HashMap<>();

    boolean changed(LinkReading reading) {
        Link now = new Link(reading.status(), reading.linkStrength());
        return !now.equals(last.put(reading.device() + reading.meter(), now));
    }
}
