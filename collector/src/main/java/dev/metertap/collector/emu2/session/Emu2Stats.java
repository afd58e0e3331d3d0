package dev.metertap.collector.emu2.session;

import java.util.Map;

/**
 * What a session has done.
 *
 * @param accepted     fragments decoded into messages
 * @param rejected     well-formed fragments rejected, by root and reason
 * @param clobbered    fragments lost because the device cut them short
 * @param malformed    fragments lost to a mismatched or invalid tag
 * @param oversized    fragments dropped for size
 * @param skippedBytes bytes outside any fragment (stale tails, NULs, noise)
 * @param readings     readings passed on
 * @param duplicates   repeated readings suppressed
 * @param reconnects   connections after the first
 */
public record Emu2Stats(long accepted, Map<String, Long> rejected, long clobbered, long malformed, long oversized,
                        long skippedBytes, long readings, long duplicates, long reconnects) {

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
