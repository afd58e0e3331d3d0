package dev.metertap.collector.pge.client;

/** PG&E's answer to a bulk request for a window. */
public enum BulkAnswer {
    /** 202: the data will be announced by a notification. */
    ACCEPTED,
    /** 204: the window holds no data; no notification follows. */
    NO_DATA,
    /** PG&E refused the window as too large (400/413 naming the range): ask again in smaller windows. */
    TOO_LARGE
}
