package dev.metertap.collector.pge.notify;

/**
 * The receiver's connections since it started.
 *
 * @param open             open now
 * @param peakOpen         the most open at once (never above the configured limit)
 * @param admitted         connections taken in
 * @param closedToMakeRoom open ones closed, at the limit, to let a new one in (the longest waiting for its request)
 * @param refused          new ones closed at once because every open connection was being answered
 * @param timedOut         closed for sending no complete request in time (slow handshakes and headers)
 */
public record ConnectionCounts(int open, int peakOpen, long admitted, long closedToMakeRoom, long refused, long timedOut) {
}
