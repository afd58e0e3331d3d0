package dev.metertap.collector.run;

import dev.metertap.collector.config.ConfigException;
import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.pge.backfill.Backfill;
import dev.metertap.collector.pge.backfill.BackfillProgress;
import dev.metertap.collector.pge.backfill.BackfillSettings;
import dev.metertap.collector.pge.backfill.BackfillSummary;
import dev.metertap.collector.pge.backfill.ClientBulkService;
import dev.metertap.collector.pge.backfill.ResourceInbox;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.espi.EspiParser;
import dev.metertap.collector.pge.notify.NotificationReceiver;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.pge.notify.RefusedNotification;
import dev.metertap.collector.pge.notify.StoredSeenNotifications;
import dev.metertap.collector.store.Store;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's side of PG&E Share My Data, built from {@code pge:}: the client over mutual TLS, the
 * notification receiver PG&E posts to, and the resources it has announced, which every backfill into the
 * store fetches. {@code metertap run} and {@code metertap pge backfill} both use this one.
 */
public final class PgeConnection implements AutoCloseable {

    private final ShareMyDataClient client;
    private final StoredSeenNotifications seen;
    private final NotificationReceiver receiver;
    private final ResourceInbox inbox = new ResourceInbox();
    private final AtomicLong refused = new AtomicLong();
    private final ReceiverSettings notifications;
    private final Optional<String> bulkId;
    private final Store store;
    private final Clock clock;
    private volatile Runnable afterIntervalsStored = () -> { };

    private PgeConnection(ShareMyDataSettings connection, ReceiverSettings notifications, Optional<String> bulkId, Store store,
                          Clock clock) {
        this.notifications = notifications;
        this.bulkId = bulkId;
        this.store = store;
        this.clock = clock;
        this.client = new ShareMyDataClient(connection, clock);
        this.seen = new StoredSeenNotifications(store, clock);
        // counted here: the receiver keeps only the latest refusals
        this.receiver = new NotificationReceiver(notifications, seen, resource -> inbox.offer(resource.url()))
                .onRefused(refusal -> refused.incrementAndGet());
    }

    /** Reads {@code pge:} (its certificate, key and secrets) now: a mistake in it stops us before anything runs. */
    public static PgeConnection open(MetertapConfig config, ConfigLoader loader, Store store, Clock clock) {
        ShareMyDataSettings connection = loader.shareMyData(config);
        ReceiverSettings notifications = loader.notificationReceiver(config);
        return new PgeConnection(connection, notifications, Optional.ofNullable(config.pge().bulkId()), store, clock);
    }

    /** Starts the receiver; its port may be taken, which is the configuration's to fix. */
    public PgeConnection start() {
        try {
            receiver.start();
        } catch (IOException e) {
            throw new ConfigException("pge.notifications: cannot listen on " + notifications.bind() + " (" + e.getMessage()
                    + "): is another metertap or 'metertap pge listen' running?", e);
        }
        return this;
    }

    /**
     * Asks for every window of {@code range} not finished by an earlier run, and stores what PG&E sends. One backfill
     * or audit runs at a time: they share the notifications.
     */
    public synchronized BackfillSummary backfill(TimeWindow range, BackfillSettings settings, BackfillProgress progress) {
        Backfill backfill = backfiller(settings, progress);
        return told(backfill.run(backfill.subscription(bulkId, List.of()), range));
    }

    /** Asks again for exactly the spans of {@code range} the store lacks. */
    public synchronized BackfillSummary audit(TimeWindow range, BackfillSettings settings, BackfillProgress progress) {
        Backfill backfill = backfiller(settings, progress);
        return told(backfill.audit(backfill.subscription(bulkId, List.of()), range));
    }

    /** {@code listener} runs after each backfill or audit that stored new or corrected intervals (the collector's nightly series). */
    void afterIntervalsStored(Runnable listener) {
        this.afterIntervalsStored = listener;
    }

    private BackfillSummary told(BackfillSummary summary) {
        if (summary.intervalsChanged() > 0) {
            afterIntervalsStored.run();
        }
        return summary;
    }

    private Backfill backfiller(BackfillSettings settings, BackfillProgress progress) {
        return new Backfill(new ClientBulkService(client, new EspiParser()), inbox, store, settings, progress, clock);
    }

    public ShareMyDataClient client() {
        return client;
    }

    /** The port the receiver listens on (the configured one, or the one chosen for port 0). */
    public int receiverPort() {
        return receiver.port();
    }

    /** The latest notifications refused, with why. */
    public List<RefusedNotification> refusedNotifications() {
        return receiver.refused();
    }

    /** Every notification refused since start. */
    public long refusedCount() {
        return refused.get();
    }

    @Override
    public void close() {
        receiver.close();
        client.close();
        seen.close();
    }
}
