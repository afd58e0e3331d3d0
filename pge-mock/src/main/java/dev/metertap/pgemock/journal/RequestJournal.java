package dev.metertap.pgemock.journal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** Every request and notification, in order, with waits on what a test expects to happen. */
public final class RequestJournal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<JournalEntry> requests = new ArrayList<>();
    private final List<NotificationRecord> notifications = new ArrayList<>();

    public void record(JournalEntry entry) {
        lock.lock();
        try {
            requests.add(entry);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void record(NotificationRecord notification) {
        lock.lock();
        try {
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

    /**
     * The requests once at least {@code count} have been recorded, waiting up to {@code timeout}
     * (an entry is recorded just after its answer is sent, so a client may see the answer first).
     */
    public List<JournalEntry> awaitRequests(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (requests.size() < count && left > 0) {
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
