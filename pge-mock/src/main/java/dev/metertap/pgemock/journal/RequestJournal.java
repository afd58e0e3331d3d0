package dev.metertap.pgemock.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Every request and notification, in order, with waits on what a test expects to happen. Keeps the
 * latest {@link #capacity()} of each (the oldest tenth is dropped when full) so a mock running for
 * weeks does not grow without bound.
 */
public final class RequestJournal {

    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private long recordedRequests;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<JournalEntry> requests = new ArrayList<>();
    private final List<NotificationRecord> notifications = new ArrayList<>();

    public RequestJournal() {
        this(DEFAULT_CAPACITY);
    }

    public RequestJournal(int capacity) {
        if (capacity < 10) {
            throw new IllegalArgumentException("a journal keeps at least 10 entries");
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    public void record(JournalEntry entry) {
        lock.lock();
        try {
            trim(requests);
            requests.add(entry);
            recordedRequests++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void record(NotificationRecord notification) {
        lock.lock();
        try {
            trim(notifications);
            notifications.add(notification);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public List<JournalEntry> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
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
        return await(requests, matching, timeout);
    }

    private void trim(List<?> list) {
        if (list.size() >= capacity) {
            list.subList(0, capacity / 10).clear();
        }
    }

    /**
     * The requests once at least {@code count} have been recorded, waiting up to {@code timeout}
     * (an entry is recorded just after its answer is sent, so a client may see the answer first).
     */
    public List<JournalEntry> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (recordedRequests < count && left > 0) {
                changed.await(left, TimeUnit.NANOSECONDS);
                left = deadline - System.nanoTime();
            }
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The first notification matching, waiting up to {@code timeout} for it. */
    public Optional<NotificationRecord> awaitNotification(Predicate<NotificationRecord> matching, Duration timeout)
            throws InterruptedException {
        return await(notifications, matching, timeout);
    }

    private <T> Optional<T> await(List<T> list, Predicate<T> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<T> found = list.stream().filter(matching).findFirst();
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
