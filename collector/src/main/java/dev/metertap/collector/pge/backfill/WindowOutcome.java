package dev.metertap.collector.pge.backfill;

/** How a requested window ended. */
public enum WindowOutcome {
    /** Every usage point's resource was fetched and stored. */
    STORED,
    /** PG&E answered 204: nothing to fetch. */
    NO_DATA,
    /** No complete answer after every re-request: not checkpointed, a rerun asks again. */
    INCOMPLETE
}
