package dev.metertap.collector.pge.notify;

import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * CorrelationIDs kept in the store's {@code pge_notifications_seen} table, so a notification repeated
 * after a restart is still followed once. Uses its own connection to the store's file (SQLite
 * serialises it with the store's writer).
 */
public final class StoredSeenNotifications implements SeenNotifications, AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;
    private final Clock clock;

    /** @param store an open store: opening it created the table */
    public StoredSeenNotifications(Store store, Clock clock) {
        this.clock = clock;
        try {
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + store.path().toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 10000");
            }
            this.insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO pge_notifications_seen (correlation_id, first_seen) VALUES (?, ?)");
        } catch (SQLException e) {
            throw new StoreException("cannot open the seen-notifications table of " + store.path() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean firstTime(String correlationId) {
        try {
            insert.setString(1, correlationId);
            insert.setLong(2, clock.instant().getEpochSecond());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot record notification " + correlationId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the seen-notifications table: " + e.getMessage(), e);
        }
    }
}
