package dev.metertap.simulator.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The ground truth: every fragment written, every command received, every fault applied, in order.
 * Thread-safe; readers may wait for an entry with a deadline instead of sleeping.
 */
public final class Journal {

    private final List<JournalEntry> entries = new ArrayList<>();
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
    private final MessageDigest wireDigest = sha256();
    private final int retain;
    private long forgotten;
    private long wireBytes;

    /** A journal that keeps every entry in memory (tests, bounded runs). */
    public Journal() {
        this(Integer.MAX_VALUE);
    }

    /**
     * A journal that keeps about the last {@code retain} entries in memory (long-running simulators);
     * sequences, the wire hash and the JSON-lines file still cover everything.
     */
    public Journal(int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("retain must be positive");
        }
        this.retain = retain;
    }

    public synchronized long nextSequence() {
        return forgotten + entries.size() + 1L;
    }

    /** Appends an entry; its sequence must be {@link #nextSequence()}. */
    public void append(JournalEntry entry) {
        synchronized (this) {
            if (entry.sequence() != nextSequence()) {
                throw new IllegalStateException("journal sequence " + entry.sequence() + ", expected " + nextSequence());
            }
            entries.add(entry);
            if (entries.size() > retain + (long) retain / 4) {
                int drop = entries.size() - retain;
                entries.subList(0, drop).clear();
                forgotten += drop;
            }
            byte[] bytes = wireBytesOf(entry);
            wireDigest.update(bytes);
            wireBytes += bytes.length;
            notifyAll();
        }
        for (Consumer<JournalEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    private static byte[] wireBytesOf(JournalEntry entry) {
        if (entry instanceof FragmentEntry f && f.integrity() != Integrity.LOST) {
            return f.bytes();
        }
        if (entry instanceof EventEntry e) {
            return e.bytes();
        }
        return new byte[0];
    }

    /** Called with each entry after it is appended (on the device's thread; keep it quick). */
    public void addListener(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** Entries with a sequence greater than {@code after} (of those still in memory). */
    public synchronized List<JournalEntry> entriesAfter(long after) {
        int from = (int) Math.max(0, Math.min(after - forgotten, entries.size()));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    public List<FragmentEntry> fragments() {
        return ofType(FragmentEntry.class);
    }

    public List<FragmentEntry> fragments(String type) {
        return fragments().stream().filter(f -> f.type().equals(type)).toList();
    }

    public List<CommandEntry> commands() {
        return ofType(CommandEntry.class);
    }

    public List<EventEntry> events() {
        return ofType(EventEntry.class);
    }

    private synchronized <T extends JournalEntry> List<T> ofType(Class<T> type) {
        return entries.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Number of entries ever appended (the last sequence). */
    public synchronized long size() {
        return forgotten + entries.size();
    }

    /** SHA-256 (hex) of every byte the device put on the wire so far, in order (lost fragments excluded). */
    public synchronized String wireSha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) wireDigest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Number of bytes the device put on the wire so far. */
    public synchronized long wireByteCount() {
        return wireBytes;
    }

    /**
     * Waits until an entry of {@code type} matching {@code test} is in the journal (looking at every
     * entry, old ones included) and returns the first.
     *
     * @throws TimeoutException when none came within {@code timeout}; the message lists the last entries
     */
    public <T extends JournalEntry> T await(Class<T> type, Predicate<? super T> test, Duration timeout)
            throws TimeoutException, InterruptedException {
        return awaitAfter(0, type, test, timeout);
    }

    /** Like {@link #await} but only looks at entries with a sequence greater than {@code after}. */
    public synchronized <T extends JournalEntry> T awaitAfter(long after, Class<T> type, Predicate<? super T> test,
                                                              Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long checked = Math.max(after, forgotten);
        while (true) {
            for (checked = Math.max(checked, forgotten); checked < forgotten + entries.size(); checked++) {
                JournalEntry entry = entries.get((int) (checked - forgotten));
                if (type.isInstance(entry) && test.test(type.cast(entry))) {
                    return type.cast(entry);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                List<JournalEntry> tail = entries.subList(Math.max(0, entries.size() - 5), entries.size());
                throw new TimeoutException("no matching " + type.getSimpleName() + " within " + timeout + "; last entries: " + tail);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The last entry of a type, if any. */
    public synchronized <T extends JournalEntry> Optional<T> last(Class<T> type) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (type.isInstance(entries.get(i))) {
                return Optional.of(type.cast(entries.get(i)));
            }
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
