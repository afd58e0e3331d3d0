package dev.metertap.pgemock.fault;

/** What happens to the notification after an accepted bulk request. */
public enum NotificationFault {
    /** Sent once, after the configured delay. */
    NONE,
    /** Sent once, after the delay plus {@link FaultPlan#lateBy()}. */
    LATE,
    /** Never sent: the client must notice and ask again. */
    NEVER,
    /** Sent twice with the same URLs: the client must de-duplicate by correlationID. */
    TWICE,
    /** Sent with URLs on another host: the client must not follow them (nor send its token there). */
    FORGED
}
