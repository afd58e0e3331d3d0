package dev.metertap.collector.rtlamr;

import java.util.Map;

/**
 * What the rtlamr decoder has seen so far: for {@code /status}, {@code /metrics} and {@code rtlamr listen}'s summary.
 *
 * @param messages      rtlamr messages read (all meters)
 * @param notRtlamr     lines skipped because they were not rtlamr's JSON (or too long)
 * @param othersHeard   messages from meters not chosen: counted, not stored
 * @param repeats       messages that repeated the last one stored for the same meter and type
 * @param backwards     messages whose total was below the last one stored (a misread or a swapped meter): not stored
 * @param readings      readings made (totals and intervals), before the store's own de-duplication
 * @param heardMeters   messages per meter id heard, own and others (at most {@link RtlamrDecoder#MAX_METERS_LISTED})
 */
public record RtlamrStats(long messages, long notRtlamr, long othersHeard, long repeats, long backwards, long readings,
                          Map<Long, Long> heardMeters) {

    public static final RtlamrStats NONE = new RtlamrStats(0, 0, 0, 0, 0, 0, Map.of());

    public RtlamrStats {
        heardMeters = Map.copyOf(heardMeters);
    }
}
