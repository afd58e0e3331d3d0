package dev.metertap.collector.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One sink's view of the store: the points after its durable cursor, in the order they were
 * stored. {@link #next} reads a bounded batch (memory never depends on the backlog);
 * {@link #acknowledge} moves the cursor once the sink has the batch. After a crash the sink
 * resumes after the last acknowledged batch, so it may see that unacknowledged batch again (sinks
 * are idempotent on the natural key) but never skips one. Not thread-safe: one forwarder per outbox.
 */
public final class Outbox implements AutoCloseable {

    private final Store store;
    private final String sink;
    private final Connection reader;
    private final PreparedStatement select;
    private long cursor;

    Outbox(Store store, String sink, Connection reader) throws SQLException {
        this.store = store;
        this.sink = sink;
        this.reader = reader;
        this.select = reader.prepareStatement("SELECT seq, line FROM points WHERE seq > ? ORDER BY seq LIMIT ?");
        try (PreparedStatement load = reader.prepareStatement("SELECT seq FROM sink_cursors WHERE sink = ?")) {
            load.setString(1, sink);
            try (ResultSet rows = load.executeQuery()) {
                if (rows.next()) {
                    cursor = rows.getLong(1);
                } else {
                    store.registerSink(sink);  // only when new: reading a known sink's lag writes nothing
                }
            }
        }
    }

    public String sink() {
        return sink;
    }

    /** The seq of the last point this sink acknowledged (0 before the first). */
    public long cursor() {
        return cursor;
    }

    /** The next points after the cursor, at most {@code maxPoints} and about {@code maxBytes}; empty when caught up. */
    public Batch next(int maxPoints, int maxBytes) {
        BatchBuilder builder = new BatchBuilder(maxPoints, maxBytes);
        try {
            select.setLong(1, cursor);
            select.setInt(2, maxPoints);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String line = rows.getString(2);
                    if (!builder.fits(line)) {
                        break;
                    }
                    builder.add(rows.getLong(1), line);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox of sink '" + sink + "': " + e.getMessage(), e);
        }
        return builder.drain();
    }

    /** How many stored points this sink has not acknowledged yet. */
    public long pending() {
        try (PreparedStatement count = reader.prepareStatement("SELECT count(*) FROM point_values WHERE seq > ?")) {
            count.setLong(1, cursor);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the outbox of sink '" + sink + "': " + e.getMessage(), e);
        }
    }

    /** Records that the sink has {@code batch}; batches must be acknowledged in the order {@link #next} gave them. */
    public void acknowledge(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.firstSeq() <= cursor) {
            throw new IllegalStateException("batch " + batch.firstSeq() + ".." + batch.lastSeq()
                    + " is not after the cursor " + cursor + " of sink '" + sink + "'");
        }
        store.advanceCursor(sink, batch.lastSeq());
        cursor = batch.lastSeq();
    }

    @Override
    public void close() {
        try {
            select.close();
            reader.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the outbox of sink '" + sink + "': " + e.getMessage(), e);
        }
    }
}
