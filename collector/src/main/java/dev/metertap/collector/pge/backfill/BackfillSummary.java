package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.util.List;

/**
 * What a backfill (or an audit) did.
 *
 * @param alreadyDone       windows of the range checkpointed by earlier runs, not asked for again
 * @param requests          bulk requests sent, re-requests included
 * @param reRequests        requests repeated because no complete answer came in time
 * @param noData            windows PG&E answered 204 for
 * @param splits            windows PG&E refused as too large and that were halved
 * @param incomplete        windows still without a complete answer after every attempt (a rerun asks again)
 * @param refused           windows PG&E refuses as too large even at {@link Backfill#MIN_WINDOW} (a rerun meets the
 *                          same refusal)
 * @param resourcesFetched  notified resources fetched and stored
 * @param resourcesFailed   notified resources whose fetch or parse failed
 * @param readings          readings received (over-inclusive feeds repeat some)
 * @param intervalsChanged  intervals new to the store or with a corrected value
 */
public record BackfillSummary(BulkSubscription subscription, TimeWindow range, boolean audit, int alreadyDone,
                              int requests, int reRequests, int noData, int splits, List<TimeWindow> incomplete,
                              List<TimeWindow> refused,
                              long resourcesFetched, long resourcesFailed, long readings, long intervalsChanged,
                              GapReport gaps) {

    public BackfillSummary {
        incomplete = List.copyOf(incomplete);
        refused = List.copyOf(refused);
    }

    public boolean succeeded() {
        return incomplete.isEmpty() && refused.isEmpty();
    }
}
