package dev.metertap.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema, as an append-only list of steps. {@code PRAGMA user_version} records how
 * many have run; opening a store runs the missing ones in one transaction. Never edit a released
 * step: add a new one.
 */
final class Migrations {

    /** Step {@code i} takes the schema from version {@code i} to {@code i + 1}. */
    static final List<List<String>> STEPS = List.of(
            List.of(
                    // seq is the rowid and the outbox order: a new point, or a changed value for an
                    // existing key, takes the next seq, so every sink sees it after its cursor.
                    """
                    CREATE TABLE points (
                        seq         INTEGER PRIMARY KEY,
                        measurement TEXT    NOT NULL,
                        tags        TEXT    NOT NULL,
                        time        INTEGER NOT NULL,
                        line        TEXT    NOT NULL,
                        UNIQUE (measurement, tags, time)
                    )""",
                    "CREATE INDEX points_by_time ON points (measurement, time)",
                    "CREATE TABLE sink_cursors (sink TEXT PRIMARY KEY, seq INTEGER NOT NULL)"),
            List.of(
                    // Share My Data notifications already followed, so a repeated one is fetched once
                    """
                    CREATE TABLE pge_notifications_seen (
                        correlation_id TEXT    PRIMARY KEY,
                        first_seen     INTEGER NOT NULL
                    )"""),
            List.of(
                    // bulk windows a backfill finished, so a rerun asks only for the rest
                    """
                    CREATE TABLE pge_backfill_windows (
                        bulk_id     TEXT    NOT NULL,
                        window_from INTEGER NOT NULL,
                        window_to   INTEGER NOT NULL,
                        outcome     TEXT    NOT NULL,
                        finished_at INTEGER NOT NULL,
                        PRIMARY KEY (bulk_id, window_from, window_to)
                    )"""));

    static final int LATEST = STEPS.size();

    private Migrations() {
    }

    /** Brings the schema to {@link #LATEST}; refuses a file written by a newer metertap. */
    static int apply(Connection connection) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("PRAGMA user_version")) {
            version = rows.next() ? rows.getInt(1) : 0;
        }
        if (version > LATEST) {
            throw new StoreException("store schema version " + version + " is newer than this metertap understands ("
                    + LATEST + "); upgrade metertap");
        }
        if (version == LATEST) {
            return version;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (int step = version; step < LATEST; step++) {
                for (String sql : STEPS.get(step)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = " + LATEST);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return LATEST;
    }
}
