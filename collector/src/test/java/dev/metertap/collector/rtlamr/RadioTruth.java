package dev.metertap.collector.rtlamr;

import dev.metertap.simulator.rtlamr.RadioMessage;
import dev.metertap.simulator.rtlamr.RtlamrJournal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader of the virtual rtlamr's output should have made of it, worked out from the simulator's journal in the
 * data model's words (not with the decoder's code): for each of one's own meters, a total each time the delivered
 * total changed, at the second rtlamr stamped it, and each 5-minute interval any delivered message carried, once, at
 * the second the meter closed it.
 */
final class RadioTruth {

    private RadioTruth() {
    }

    /** The line-protocol lines expected, in the order they became known. */
    static List<String> expectedLines(RtlamrJournal.Truth truth, Set<Long> own) {
        List<String> lines = new ArrayList<>();
        Map<String, Long> lastTotal = new HashMap<>();
        Map<String, Long> newestInterval = new HashMap<>();
        for (RtlamrJournal.Entry e : truth.delivered()) {
            if (!own.contains(e.meter())) {
                continue;
            }
            String series = "meter_id=" + e.meter() + ",msg_type=" + e.type() + ",ert_type=" + e.ertType();
            Long before = lastTotal.put(series, e.consumption());
            if (before == null || before != e.consumption()) {
                String fields = "consumption=" + e.consumption() + "i"
                        + (e.type().equals("NetIDM") ? ",generation=" + e.generation() + "i,consumption_net=" + e.net() + "i" : "");
                lines.add("amr_consumption," + series + " " + fields + " " + e.at().getEpochSecond());
            }
            Map<Long, String> fresh = new LinkedHashMap<>();
            long newest = newestInterval.getOrDefault(series, Long.MIN_VALUE);
            for (RadioMessage.Interval i : e.intervals()) {
                if (i.closedAt() > newest) {
                    fresh.put(i.closedAt(), "amr_interval," + series + " consumption=" + i.value() + "i,interval=" + i.counter()
                            + "i " + i.closedAt());
                }
            }
            lines.addAll(fresh.values());
            e.intervals().stream().mapToLong(RadioMessage.Interval::closedAt).max()
                    .ifPresent(max -> newestInterval.merge(series, max, Math::max));
        }
        return lines;
    }

    /** Delivered messages from meters not in {@code own}. */
    static long othersDelivered(RtlamrJournal.Truth truth, Set<Long> own) {
        return truth.delivered().stream().filter(e -> !own.contains(e.meter())).count();
    }
}
