package dev.metertap.collector.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's one-writer rule: an OS file lock on {@code metertap.db.lock} beside the database, held while the
 * store is open for writing. The file says who holds it (pid, what, since) so a second writer can name it.
 *
 * <p>The lock, not the file, is what counts: the OS drops it when its process dies, so a file left by a crash
 * is simply taken over. The file is never deleted, since deleting it would let two writers lock two different
 * files of the same name. Locks held in this JVM are also kept in a set, so a second writer in the same process
 * is refused the same way (the OS would not refuse it).
 */
final class WriterLock implements AutoCloseable {

    /** Who holds a store's writer lock, as its lock file says. */
    record Holder(long pid, String what, Instant since) {
        @Override
        public String toString() {
            return "process " + pid + " (" + what + ", since " + since + ")";
        }
    }

    // a holder line is short; a larger file is not ours, and is not read further
    private static final int MAX_HOLDER_BYTES = 1024;
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".lock");
    }

    /** Takes the writer lock of {@code database} for {@code what} ("metertap run"), or says who has it. */
    static WriterLock acquire(Path database, String what) {
        Path lockFile;
        try {
            // a store reached through a symlink is locked beside the file itself, as it is reached any other way
            lockFile = lockFileOf(Files.exists(database) ? database.toRealPath() : database.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new StoreException("cannot find the store " + database + ": " + e.getMessage(), e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open the store's lock file " + lockFile + ": " + e.getMessage(), e);
        }
        Path key;
        try {
            key = lockFile.toRealPath();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot open the store's lock file " + lockFile + ": " + e.getMessage(), e);
        }
        if (!HELD_IN_THIS_JVM.add(key)) {
            Optional<Holder> holder = readHolder(channel);
            closeQuietly(channel);
            throw new StoreInUseException(database, holder);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                Optional<Holder> holder = readHolder(channel);
                throw new StoreInUseException(database, holder);
            }
            writeHolder(channel, new Holder(ProcessHandle.current().pid(), what, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            return new WriterLock(key, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            HELD_IN_THIS_JVM.remove(key);
            closeQuietly(channel);
            throw new StoreException("cannot lock the store " + database + " for writing: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD_IN_THIS_JVM.remove(key);
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            // emptied first: a holder read after this moment must not name a process that no longer writes
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases the lock all the same
        } finally {
            HELD_IN_THIS_JVM.remove(lockFile);
            closeQuietly(channel);
        }
    }

    private static void writeHolder(FileChannel channel, Holder holder) throws IOException {
        String text = "pid=" + holder.pid() + "\nwhat=" + holder.what() + "\nsince=" + holder.since() + "\n";
        channel.truncate(0);
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(false);
    }

    /** The holder the lock file names; empty when it names none (being written, emptied, or not ours). */
    static Optional<Holder> readHolder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(MAX_HOLDER_BYTES);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // read until the end of the file or of the buffer
            }
            return parseHolder(new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Holder> parseHolder(String text) {
        Long pid = null;
        String what = null;
        Instant since = null;
        try {
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String value = line.substring(equals + 1).strip();
                switch (line.substring(0, equals)) {
                    case "pid" -> pid = Long.parseLong(value);
                    case "what" -> what = value;
                    case "since" -> since = Instant.parse(value);
                    default -> {
                        // a key from a later metertap: ignored
                    }
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
        return pid != null && what != null && since != null ? Optional.of(new Holder(pid, what, since)) : Optional.empty();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
