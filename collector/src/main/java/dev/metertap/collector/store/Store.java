package dev.metertap.collector.store;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;
import dev.metertap.collector.reading.Reading;
import dev.metertap.collector.reading.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The embedded store: one SQLite file in WAL mode holding every reading as a line-protocol point,
 * keyed by its natural key (measurement, tag set, time). A series (measurement and tags) is a row of its own; a
 * point keeps its series, its time and its fields as its line writes them, so its line is rebuilt byte for byte
 * ({@link Migrations}, schema 4).
 *
 * <p>Appending is an upsert: the same reading twice is a no-op, a corrected value replaces the old
 * one and is shipped again. Each append commits before it returns ({@code synchronous=FULL}), so a
 * reading the caller saw accepted survives a crash or a power cut. One connection writes, under a
 * lock; each {@link Outbox} reads through its own connection, which WAL lets run alongside writes.
 *
 * <p>One writer at a time: {@link #open} takes the store's {@link WriterLock}, so a second writer, in another
 * process or this one, is refused with a {@link StoreInUseException} that names the holder. Readers
 * ({@link #openReadOnly}) take no lock, migrate nothing and write nothing, not even SQLite's {@code -wal} and
 * {@code -shm} files, so they work next to a running collector and for a user who may not write the directory.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    // seq is taken inside the write transaction; points are never deleted, so max(seq) never falls. A point's line
    // is its series' key, its fields and its time: with series and time the same, equal fields mean an equal line
    private static final String UPSERT = """
            INSERT INTO point_values (seq, series, time, fields)
            VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM point_values), ?, ?, ?)
            ON CONFLICT (time, series) DO UPDATE SET fields = excluded.fields, seq = excluded.seq
            WHERE fields IS NOT excluded.fields""";
    // the 4th parameter is max(seq) before the append: only lines this append wrote may be replaced
    private static final String INSERT_NEW = """
            INSERT INTO point_values (seq, series, time, fields)
            VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM point_values), ?, ?, ?)
            ON CONFLICT (time, series) DO UPDATE SET fields = excluded.fields, seq = excluded.seq
            WHERE fields IS NOT excluded.fields AND point_values.seq > ?""";

    /** What {@link #appendAllOrNothing(ReadingSource, OnConflict)} does with a point whose key is already stored. */
    public enum OnConflict {
        /** The new line replaces the stored one (a correction). */
        REPLACE,
        /**
         * A line stored before this append stays: the new point only fills a gap (a poorer copy of the same
         * interval). Within the append, a later point replaces an earlier one, as with {@code REPLACE}.
         */
        KEEP_STORED
    }

    /** What a collector ({@code metertap run}, and anything built by its one assembly) is called in the lock file. */
    public static final String COLLECTOR = "metertap run";

    private static final int APPEND_BATCH = 5_000;

    private final Path path;
    private final Connection writer;       // null when read-only
    private final Connection cursorWriter; // null when read-only
    private final PreparedStatement upsert; // null when read-only
    private final PreparedStatement insertNew; // null when read-only
    private final SeriesIds seriesIds;      // null when read-only
    private final WriterLock lock;          // null when read-only
    private final int schemaVersion;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private boolean closed;

    private Store(Path path, Connection writer, Connection cursorWriter, WriterLock lock, int schemaVersion)
            throws SQLException {
        this.path = path;
        this.writer = writer;
        this.cursorWriter = cursorWriter;
        this.lock = lock;
        this.schemaVersion = schemaVersion;
        this.upsert = writer != null ? writer.prepareStatement(UPSERT) : null;
        this.insertNew = writer != null ? writer.prepareStatement(INSERT_NEW) : null;
        this.seriesIds = writer != null ? new SeriesIds(writer) : null;
    }

    /** {@link #open(Path, String)} for a writer that names itself just "metertap" (tests, tools). */
    public static Store open(Path path) {
        return open(path, "metertap");
    }

    /**
     * Opens (creating it and its directory if needed) the store at {@code path} for writing and migrates its schema.
     * {@code holder} ("metertap run", "metertap pge import") is what a refused second writer is told holds it.
     *
     * @throws StoreInUseException when another writer holds the store
     */
    public static Store open(Path path, String holder) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the store's directory for " + path + ": " + e.getMessage(), e);
        }
        WriterLock lock = WriterLock.acquire(path, holder);
        Connection connection = null;
        Connection cursors = null;
        try {
            org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
            // take the write lock when a transaction begins: a deferred one that reads max(seq) and
            // then writes could fail with SQLITE_BUSY instead of waiting for another writer
            config.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
            connection = connect(path, config);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode = WAL");
                // FULL: in WAL mode NORMAL may lose the last commits on power loss; we promise it won't
                statement.execute("PRAGMA synchronous = FULL");
            }
            int version = Migrations.apply(connection);
            cursors = cursorConnection(path);
            Store store = new Store(path, connection, cursors, lock, version);
            log.debug("opened store {} (schema {}) for {}", path, version, holder);
            return store;
        } catch (SQLException e) {
            closeQuietly(cursors);
            closeQuietly(connection);
            lock.close();
            throw new StoreException("cannot open the store " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(cursors);
            closeQuietly(connection);
            lock.close();
            throw e;
        }
    }

    /**
     * The connection that moves sinks' cursors, with {@code synchronous=NORMAL}: its commits cost no fsync. A cursor
     * is made durable by the next commit of a reading (that fsync covers the whole WAL, the cursor's frames before
     * it) or by a checkpoint; a power cut before either leaves the cursor where it was, so the sink is sent those
     * batches again, which sinks take as the same points. A cursor never moves past what a sink acknowledged.
     */
    private static Connection cursorConnection(Path path) throws SQLException {
        Connection connection = connect(path);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA synchronous = NORMAL");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Opens an existing store for reading only: no lock, no migration, no write of any kind. Works while a collector
     * writes, and for a user who may read the file but not write its directory. Writing through it is refused.
     */
    public static Store openReadOnly(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new StoreException("no store at " + path.toAbsolutePath());
        }
        try (Connection reader = ReadOnlyConnection.open(path); Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
            int version = rows.next() ? rows.getInt(1) : 0;
            if (version > Migrations.LATEST) {
                throw new StoreException("store schema version " + version + " is newer than this metertap understands ("
                        + Migrations.LATEST + "); upgrade metertap");
            }
            if (version == 0) {
                throw new StoreException(path.toAbsolutePath() + " is not a metertap store (it has no metertap schema)");
            }
            if (version < Migrations.COMPACT) {
                // a reader converts nothing: the collector does, the next time it opens the store
                throw new StoreException("the store " + path.toAbsolutePath() + " was written by an older metertap (schema "
                        + version + "); start the collector once (it converts the store as it opens it) and try again");
            }
            return new Store(path, null, null, null, version);
        } catch (SQLException e) {
            throw new StoreException("cannot read the store " + path + ": " + e.getMessage(), e);
        }
    }

    /** False for a store opened with {@link #openReadOnly}. */
    public boolean writable() {
        return writer != null;
    }

    /** A connection of its own for one read: the writer's kind, or a read-only one. */
    private Connection readConnection() throws SQLException {
        return writable() ? connect(path) : ReadOnlyConnection.open(path);
    }

    static Connection connect(Path path) throws SQLException {
        return connect(path, new org.sqlite.SQLiteConfig());
    }

    private static Connection connect(Path path, org.sqlite.SQLiteConfig config) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("PRAGMA foreign_keys = ON");
            // 512 KiB of page cache instead of 2 MB: appends touch the tree's right edge and the outbox reads
            // in order, so a bigger cache only adds resident memory on a small board (two connections in 'run')
            statement.execute("PRAGMA cache_size = -512");
        }
        return connection;
    }

    public Path path() {
        return path;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Stores one reading and commits. Returns false when the store already held exactly this reading. */
    public boolean append(Reading reading) {
        return appendPoints(List.of(reading.toPoint())) == 1;
    }

    /** Stores readings in one transaction. Returns how many were new or changed a stored value. */
    public int appendAll(Collection<? extends Reading> readings) {
        List<Point> points = new ArrayList<>(readings.size());
        for (Reading reading : readings) {
            points.add(reading.toPoint());
        }
        return appendPoints(points);
    }

    /** Stores points in one transaction. Returns how many were new or changed a stored value. */
    public int appendPoints(Collection<Point> points) {
        if (points.isEmpty()) {
            return 0;
        }
        int changed = 0;
        synchronized (writeLock) {
            requireWritable();
            try {
                writer.setAutoCommit(false);
                changed = upsertBatch(upsert, points);
                writer.commit();
                seriesIds.committed();
            } catch (SQLException e) {
                rollback();
                throw new StoreException("cannot store " + points.size() + " point(s) in " + path + ": " + e.getMessage(), e);
            } finally {
                restoreAutoCommit();
            }
        }
        if (changed > 0) {
            appendListeners.forEach(Runnable::run);
        }
        return changed;
    }

    private int upsertBatch(PreparedStatement statement, Collection<Point> points) throws SQLException {
        return upsertBatch(statement, points, -1);
    }

    /** {@code seqBefore}: for {@link #INSERT_NEW}, max(seq) before the append; ignored (-1) for {@link #UPSERT}. */
    private int upsertBatch(PreparedStatement statement, Collection<Point> points, long seqBefore)
            throws SQLException {
        for (Point point : points) {
            statement.setLong(1, seriesIds.idFor(point.measurement(), point.tags()));
            statement.setLong(2, point.epochSecond());
            statement.setString(3, LineProtocol.fields(point.fields()));
            if (statement == insertNew) {
                statement.setLong(4, seqBefore);
            }
            statement.addBatch();
        }
        int changed = 0;
        for (int count : statement.executeBatch()) {
            changed += count > 0 ? 1 : 0;
        }
        return changed;
    }

    /** An SQLException out of the sink a {@link ReadingSource} writes to, which may throw only its own. */
    private static final class SinkFailure extends RuntimeException {
        SinkFailure(SQLException cause) {
            super(cause);
        }
    }

    /**
     * Stores everything {@code source} writes in one transaction: all of it when it returns, none of it when it throws
     * (its exception passes through). Points go to SQLite in batches inside the transaction, so memory stays bounded
     * however much the source writes. Returns how many were new or changed a stored value.
     */
    public <E extends Exception> int appendAllOrNothing(ReadingSource<E> source) throws E {
        return appendAllOrNothing(source, OnConflict.REPLACE);
    }

    /**
     * {@link #appendAllOrNothing(ReadingSource)}, choosing what a point whose key is already stored does. Returns how
     * many were new or (with {@link OnConflict#REPLACE}) changed a stored value.
     */
    public <E extends Exception> int appendAllOrNothing(ReadingSource<E> source, OnConflict onConflict) throws E {
        PreparedStatement statement = onConflict == OnConflict.KEEP_STORED ? insertNew : upsert;
        int changed = 0;
        synchronized (writeLock) {
            requireWritable();
            boolean committed = false;
            List<Point> batch = new ArrayList<>(APPEND_BATCH);
            int[] upserted = {0};
            long[] seqBefore = {-1};
            try {
                writer.setAutoCommit(false);
                if (statement == insertNew) {
                    try (Statement max = writer.createStatement();
                         ResultSet rows = max.executeQuery("SELECT coalesce(max(seq), 0) FROM point_values")) {
                        rows.next();
                        seqBefore[0] = rows.getLong(1);
                    }
                }
                source.writeTo(reading -> {
                    batch.add(reading.toPoint());
                    if (batch.size() == APPEND_BATCH) {
                        try {
                            upserted[0] += upsertBatch(statement, batch, seqBefore[0]);
                        } catch (SQLException e) {
                            throw new SinkFailure(e);
                        }
                        batch.clear();
                    }
                });
                changed = upserted[0] + upsertBatch(statement, batch, seqBefore[0]);
                writer.commit();
                committed = true;
                seriesIds.committed();
            } catch (SQLException | SinkFailure e) {
                Throwable cause = e instanceof SinkFailure ? e.getCause() : e;
                throw new StoreException("cannot store the points in " + path + ": " + cause.getMessage(), cause);
            } finally {
                if (!committed) {
                    rollback();
                }
                restoreAutoCommit();
            }
        }
        if (changed > 0) {
            appendListeners.forEach(Runnable::run);
        }
        return changed;
    }

    /** The seq of the latest stored change (0 for an empty store): a forwarder has caught up once it delivered this. */
    public long lastSeq() {
        return readOne("SELECT coalesce(max(seq), 0) FROM point_values", rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /** The time of the newest point of {@code measurement}, if it has any: one look at the index, however big the store. */
    public Optional<Instant> latestTime(String measurement) {
        synchronized (writeLock) {
            requireOpen();
            try (Connection own = writable() ? null : readConnection();
                 PreparedStatement select = (writable() ? writer : own).prepareStatement(
                         // the time index read from its end: one step when the measurement has recent points
                         "SELECT time FROM point_values WHERE series IN (SELECT id FROM series WHERE measurement = ?)"
                                 + " ORDER BY time DESC LIMIT 1")) {
                select.setString(1, measurement);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(Instant.ofEpochSecond(rows.getLong(1))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs {@code listener} after each commit that added or changed points (it must not block). */
    public void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    public void removeAppendListener(Runnable listener) {
        appendListeners.remove(listener);
    }

    /** The points matching {@code query}, in time order. Loads them all: use {@link #scan} for large ranges. */
    public List<Point> query(PointQuery query) {
        List<Point> points = new ArrayList<>();
        scan(query, points::add);
        return points;
    }

    /** Streams the points matching {@code query} in time order, without holding them in memory. */
    public void scan(PointQuery query, Consumer<Point> consumer) {
        scanLines(query, (seq, line) -> consumer.accept(LineProtocol.decode(line)));
    }

    /** Line-protocol lines in time order (then seq), through a read connection of their own. */
    void scanLines(PointQuery query, LineConsumer consumer) {
        StringBuilder sql = new StringBuilder("SELECT seq, line FROM points WHERE time >= ? AND time < ?");
        List<Object> args = new ArrayList<>();
        args.add(query.from().getEpochSecond());
        args.add(query.to().getEpochSecond());
        if (query.measurement() != null) {
            sql.append(" AND measurement = ?");
            args.add(query.measurement());
        }
        for (Map.Entry<String, String> tag : query.tags().entrySet()) {
            sql.append(" AND json_extract(tags, ?) = ?");
            args.add("$.\"" + tag.getKey().replace("\"", "\\\"") + "\"");
            args.add(tag.getValue());
        }
        sql.append(" ORDER BY time, seq");
        try (Connection reader = readConnection();
             PreparedStatement select = reader.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(rows.getLong(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface LineConsumer {
        void accept(long seq, String line);
    }

    /**
     * Streams the points of {@code measurement} stored at or before {@code seq} (a sink's cursor: what it has
     * acknowledged), in no particular order, without holding them in memory.
     */
    public void scanUpTo(String measurement, long seq, Consumer<Point> consumer) {
        try (Connection reader = readConnection();
             PreparedStatement select = reader.prepareStatement("SELECT line FROM points WHERE measurement = ? AND seq <= ?")) {
            select.setString(1, measurement);
            select.setLong(2, seq);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    consumer.accept(LineProtocol.decode(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams the points matching {@code query} as batches of at most {@code maxPoints} lines and
     * {@code maxBytes} characters (a single longer line still makes a batch): {@code sink replay}.
     */
    public void scanBatches(PointQuery query, int maxPoints, int maxBytes, Consumer<Batch> consumer) {
        BatchBuilder builder = new BatchBuilder(maxPoints, maxBytes);
        scanLines(query, (seq, line) -> {
            if (!builder.fits(line)) {
                consumer.accept(builder.drain());
            }
            builder.add(seq, line);
        });
        if (!builder.isEmpty()) {
            consumer.accept(builder.drain());
        }
    }

    /**
     * The outbox of the sink named {@code sink}: its cursor survives restarts. Close it when done. A new sink's
     * cursor is recorded at 0, so {@link #stats} shows its backlog before it has delivered anything.
     */
    public Outbox outbox(String sink) {
        requireWritable();
        try {
            return new Outbox(this, sink, connect(path));
        } catch (SQLException e) {
            throw new StoreException("cannot open the outbox of sink '" + sink + "' in " + path + ": " + e.getMessage(), e);
        }
    }

    /** Records a new sink's cursor at 0; a known sink's stays where it is. */
    void registerSink(String sink) {
        synchronized (writeLock) {
            requireWritable();
            try (PreparedStatement insert = writer.prepareStatement("INSERT OR IGNORE INTO sink_cursors (sink, seq) VALUES (?, 0)")) {
                insert.setString(1, sink);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot register sink '" + sink + "': " + e.getMessage(), e);
            }
        }
    }

    /** Moves a sink's cursor forward to {@code seq} (never backwards) and commits. */
    void advanceCursor(String sink, long seq) {
        synchronized (writeLock) {
            requireWritable();
            try (PreparedStatement update = cursorWriter.prepareStatement("""
                    INSERT INTO sink_cursors (sink, seq) VALUES (?, ?)
                    ON CONFLICT (sink) DO UPDATE SET seq = max(seq, excluded.seq)""")) {
                update.setString(1, sink);
                update.setLong(2, seq);
                update.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("cannot save the cursor of sink '" + sink + "': " + e.getMessage(), e);
            }
        }
    }

    public StoreStats stats() {
        try (Connection reader = readConnection(); Statement statement = reader.createStatement()) {
            long total = 0;
            List<StoreStats.MeasurementStats> measurements = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    // per series first: grouping the small rows by their integer, then the few series by name
                    """
                    SELECT s.measurement, sum(n), min(first), max(last)
                    FROM (SELECT series, count(*) AS n, min(time) AS first, max(time) AS last FROM point_values GROUP BY series) p
                    JOIN series s ON s.id = p.series
                    GROUP BY s.measurement ORDER BY s.measurement""")) {
                while (rows.next()) {
                    measurements.add(new StoreStats.MeasurementStats(rows.getString(1), rows.getLong(2),
                            Instant.ofEpochSecond(rows.getLong(3)), Instant.ofEpochSecond(rows.getLong(4))));
                    total += rows.getLong(2);
                }
            }
            List<StoreStats.SinkBacklog> sinks = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT c.sink, c.seq, (SELECT count(*) FROM point_values p WHERE p.seq > c.seq)
                    FROM sink_cursors c ORDER BY c.sink""")) {
                while (rows.next()) {
                    sinks.add(new StoreStats.SinkBacklog(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
            }
            long bytes = Files.size(path) + sizeIfExists(Path.of(path + "-wal"));
            return new StoreStats(total, bytes, schemaVersion, measurements, sinks);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot read statistics of " + path + ": " + e.getMessage(), e);
        }
    }

    /** Runs SQLite's {@code PRAGMA integrity_check}; "ok" when the file is sound. */
    public String integrityCheck() {
        return readOne("PRAGMA integrity_check", rows -> {
            StringBuilder result = new StringBuilder();
            while (rows.next()) {
                result.append(result.isEmpty() ? "" : "\n").append(rows.getString(1));
            }
            return result.toString();
        });
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** One query: through the writer's connection (sees its own commits at once), else a read-only one. */
    private <T> T readOne(String sql, RowsReader<T> reader) {
        synchronized (writeLock) {
            requireOpen();
            try (Connection own = writable() ? null : readConnection();
                 Statement statement = (writable() ? writer : own).createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                return reader.read(rows);
            } catch (SQLException e) {
                throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (!writable()) {
                return;
            }
            try {
                upsert.close();
                insertNew.close();
                seriesIds.close();
                cursorWriter.close();
                writer.close(); // when it is the file's last connection, SQLite checkpoints (and syncs) as it closes
            } catch (SQLException e) {
                throw new StoreException("cannot close " + path + ": " + e.getMessage(), e);
            } finally {
                lock.close(); // only once SQLite is done with the file, so the next writer finds it quiet
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the store " + path + " is closed");
        }
    }

    private void requireWritable() {
        requireOpen();
        if (!writable()) {
            throw new StoreException("the store " + path + " is open read-only");
        }
    }

    private void rollback() {
        seriesIds.rolledBack();
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.warn("rollback failed on {}: {}", path, e.getMessage());
        }
    }

    private void restoreAutoCommit() {
        try {
            writer.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("cannot restore auto-commit on {}: {}", path, e.getMessage());
        }
    }

    private static long sizeIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing: the original error is the one to report
            }
        }
    }

    /** The tag set as a JSON object in the data model's order: part of the natural key, and queryable. */
    static String tagsJson(List<Tag> tags) {
        StringBuilder json = new StringBuilder(64).append('{');
        for (Tag tag : tags) {
            if (json.length() > 1) {
                json.append(',');
            }
            appendJsonString(json, tag.key());
            json.append(':');
            appendJsonString(json, tag.value());
        }
        return json.append('}').toString();
    }

    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
