package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bulk windows a backfill finished, kept in the store's {@code pge_backfill_windows} table (schema 3) so a
 * rerun asks only for the rest. Each record commits at once: a window finished is never asked for again, even
 * after a crash.
 */
final class Checkpoints implements AutoCloseable {

    private final Store store;
    private final Connection connection;

    private Checkpoints(Store store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    /** Opens the checkpoints of an open store (whose schema, migrated on open, holds the table). */
    static Checkpoints of(Store store) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.path().toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 10000");
            }
            return new Checkpoints(store, connection);
        } catch (SQLException e) {
            throw new StoreException("cannot open the backfill checkpoints in " + store.path() + ": " + e.getMessage(), e);
        }
    }

    /** The windows finished for this Bulk ID, by start. */
    List<TimeWindow> finished(String bulkId) {
        List<TimeWindow> windows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT window_from, window_to FROM pge_backfill_windows WHERE bulk_id = ? ORDER BY window_from, window_to")) {
            select.setString(1, bulkId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    windows.add(new TimeWindow(Instant.ofEpochSecond(rows.getLong(1)), Instant.ofEpochSecond(rows.getLong(2))));
                }
            }
            return windows;
        } catch (SQLException e) {
            throw new StoreException("cannot read the backfill checkpoints in " + store.path() + ": " + e.getMessage(), e);
        }
    }

    void record(String bulkId, TimeWindow window, WindowOutcome outcome, Instant finishedAt) {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO pge_backfill_windows (bulk_id, window_from, window_to, outcome, finished_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (bulk_id, window_from, window_to) DO UPDATE SET outcome = excluded.outcome, finished_at = excluded.finished_at""")) {
            insert.setString(1, bulkId);
            insert.setLong(2, window.from().getEpochSecond());
            insert.setLong(3, window.to().getEpochSecond());
            insert.setString(4, outcome.name());
            insert.setLong(5, finishedAt.getEpochSecond());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the finished window " + window + " in " + store.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the backfill checkpoints of " + store.path() + ": " + e.getMessage(), e);
        }
    }
}
