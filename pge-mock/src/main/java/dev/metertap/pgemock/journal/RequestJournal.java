package dev.metertap.pgemock.journal;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A typed view of WireMock's own request journal (what {@code verify}, {@code findAll} and
 * {@code /__admin/requests} read), with waits on what a test expects to happen, and the notifications the mock
 * sent (outgoing POSTs, which WireMock does not journal). As a WireMock serve event listener it wakes the waits
 * once WireMock has journalled a request, before its answer leaves: a client that has its answer finds it here.
 * WireMock keeps the latest {@link #DEFAULT_CAPACITY} requests; the notifications kept are bounded the same way.
 */
public final class RequestJournal implements ServeEventListener {

    /** How many requests WireMock's journal keeps (the oldest go first). */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<NotificationRecord> notifications = new ArrayList<>();
    private volatile Supplier<List<ServeEvent>> serveEvents = List::of;
    private long journalledRequests;

    @Override
    public String getName() {
        return "pge-journal";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /** Where the journal reads WireMock's serve events from (newest first, as WireMock returns them). */
    public void readFrom(Supplier<List<ServeEvent>> serveEvents) {
        this.serveEvents = serveEvents;
    }

    @Override
    public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
        lock.lock();
        try {
            journalledRequests++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void record(NotificationRecord notification) {
        lock.lock();
        try {
            if (notifications.size() >= DEFAULT_CAPACITY) {
                notifications.subList(0, DEFAULT_CAPACITY / 10).clear();
            }
            notifications.add(notification);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Every request WireMock has journalled, oldest first. */
    public List<JournalEntry> requests() {
        List<ServeEvent> newestFirst = new ArrayList<>(serveEvents.get());
        Collections.reverse(newestFirst);
        return newestFirst.stream().map(JournalEntry::of).toList();
    }

    public List<NotificationRecord> notifications() {
        lock.lock();
        try {
            return List.copyOf(notifications);
        } finally {
            lock.unlock();
        }
    }

    /** The first request matching, waiting up to {@code timeout} for it. */
    public Optional<JournalEntry> awaitRequest(Predicate<JournalEntry> matching, Duration timeout)
            throws InterruptedException {
        return await(() -> requests().stream().filter(matching).findFirst(), timeout);
    }

    /** The requests once at least {@code count} have been journalled since the start, waiting up to {@code timeout}. */
    public List<JournalEntry> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (journalledRequests < count && left > 0) {
                changed.await(left, TimeUnit.NANOSECONDS);
                left = deadline - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
        return requests();
    }

    /** The first notification matching, waiting up to {@code timeout} for it. */
    public Optional<NotificationRecord> awaitNotification(Predicate<NotificationRecord> matching, Duration timeout)
            throws InterruptedException {
        return await(() -> notifications().stream().filter(matching).findFirst(), timeout);
    }

    private <T> Optional<T> await(Supplier<Optional<T>> find, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = find.get();
                long left = deadline - System.nanoTime();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }
}
