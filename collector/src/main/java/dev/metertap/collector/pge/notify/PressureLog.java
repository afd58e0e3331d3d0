package dev.metertap.collector.pge.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Logs connections the receiver closed under pressure without flooding the log: the first one after a quiet
 * spell at once, the rest as counts once a minute for as long as they go on.
 */
final class PressureLog {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Duration requestTimeout;
    private final ScheduledExecutorService scheduler;
    private boolean windowOpen;
    private long closedToMakeRoom;
    private long refused;
    private long timedOut;
    private final int max;

    PressureLog(Duration requestTimeout, int maxConnections, ScheduledExecutorService scheduler) {
        this.requestTimeout = requestTimeout;
        this.max = maxConnections;
        this.scheduler = scheduler;
    }

    void closedToMakeRoom() {
        boolean first;
        synchronized (this) {
            closedToMakeRoom++;
            first = openWindow();
        }
        if (first) {
            log.warn("notification receiver: {} connections open, its limit: closing the one that has waited longest"
                    + " for its request to make room for each new one (counts follow every minute while it lasts)", max);
        }
    }

    void refused() {
        boolean first;
        synchronized (this) {
            refused++;
            first = openWindow();
        }
        if (first) {
            log.warn("notification receiver: {} connections open, its limit, all being answered: closing new ones"
                    + " at once (counts follow every minute while it lasts)", max);
        }
    }

    void timedOut() {
        boolean first;
        synchronized (this) {
            timedOut++;
            first = openWindow();
        }
        if (first) {
            log.warn("notification receiver: closed a connection that sent no complete request within {}"
                    + " (counts follow every minute while it lasts)", seconds(requestTimeout));
        }
    }

    /** True when this event opens a window: it is then logged on its own, and counted in the window's summary. */
    private boolean openWindow() {
        if (windowOpen) {
            return false;
        }
        windowOpen = true;
        scheduleSummary();
        return true;
    }

    private void scheduleSummary() {
        try {
            scheduler.schedule(this::summarize, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            windowOpen = false; // the receiver is closing
        }
    }

    private synchronized void summarize() {
        if (closedToMakeRoom + refused + timedOut == 0) {
            windowOpen = false;
            return;
        }
        log.warn("notification receiver, the last minute: {} connection(s) closed to make room (limit {} open),"
                        + " {} refused, {} closed for sending no complete request within {}",
                closedToMakeRoom, max, refused, timedOut, seconds(requestTimeout));
        closedToMakeRoom = 0;
        refused = 0;
        timedOut = 0;
        scheduleSummary();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
