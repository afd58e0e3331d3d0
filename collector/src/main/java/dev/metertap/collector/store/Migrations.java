package dev.metertap.collector.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

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
                    )"""),
            List.of(
                    // Compact points: a line's series key (measurement and tags, escaped) is stored once per
                    // series, and a point keeps only its field set as the line has it ("kw=1.234"), so
                    // series.key || ' ' || fields || ' ' || time is the very line version 3 stored. The natural
                    // key becomes (time, series): time first, so the index grows at its right edge and stays packed.
                    """
                    CREATE TABLE series (
                        id          INTEGER PRIMARY KEY,
                        measurement TEXT    NOT NULL,
                        tags        TEXT    NOT NULL,
                        key         TEXT    NOT NULL,
                        UNIQUE (measurement, tags)
                    )""",
                    """
                    INSERT INTO series (measurement, tags, key)
                    SELECT measurement, tags, metertap_series_key(measurement, tags)
                    FROM points GROUP BY measurement, tags ORDER BY min(seq)""",
                    """
                    CREATE TABLE point_values (
                        seq    INTEGER PRIMARY KEY,
                        series INTEGER NOT NULL REFERENCES series (id),
                        time   INTEGER NOT NULL,
                        fields TEXT    NOT NULL,
                        UNIQUE (time, series)
                    )""",
                    // a line is seriesKey ' ' fields ' ' time: cut off the key (from the row's own columns) and the time
                    """
                    INSERT INTO point_values (seq, series, time, fields)
                    SELECT p.seq, s.id, p.time, substr(p.line, length(s.key) + 2, length(p.line) - length(s.key) - length(p.time) - 2)
                    FROM points p JOIN series s ON s.measurement = p.measurement AND s.tags = p.tags
                    ORDER BY p.seq""",
                    """
                    SELECT metertap_require(count(*) = 0,
                        count(*) || ' stored line(s) do not match their measurement, tags and time (first at seq '
                        || min(p.seq) || '); the store is left as it was')
                    FROM points p LEFT JOIN point_values v ON v.seq = p.seq LEFT JOIN series s ON s.id = v.series
                    WHERE (s.key || ' ' || v.fields || ' ' || v.time) IS NOT p.line""",
                    "DROP INDEX points_by_time",
                    "DROP TABLE points",
                    // the lines as version 3 had them, for plain SQL (read only)
                    """
                    CREATE VIEW points (seq, measurement, tags, time, line) AS
                    SELECT v.seq, s.measurement, s.tags, v.time, s.key || ' ' || v.fields || ' ' || v.time
                    FROM point_values v JOIN series s ON s.id = v.series"""));

    static final int LATEST = STEPS.size();

    /** The version whose step made the compact point tables. */
    static final int COMPACT = 4;

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
        if (version > 0) {
            log.info("bringing the store from schema {} to {} (once; a 90-day store takes seconds)", version, LATEST);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        StepFunctions.register(connection);
        try (Statement statement = connection.createStatement()) {
            for (int step = version; step < LATEST; step++) {
                for (String sql : STEPS.get(step)) {
                    run(statement, sql);
                }
            }
            statement.execute("PRAGMA user_version = " + LATEST);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new StoreException("cannot bring the store from schema " + version + " to " + LATEST + ": "
                    + reason(e), e);
        } catch (RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            StepFunctions.unregister(connection);
        }
        if (version > 0 && version < COMPACT) {
            // the line-text table's pages are free now, but the file keeps them until rebuilt
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM");
            } catch (SQLException e) {
                // converted and sound, only not smaller: a full disk, say (VACUUM writes a copy first)
                log.warn("the store was converted but could not be made smaller ({}); it works at its old size",
                        reason(e));
            }
        }
        return LATEST;
    }

    /** SQLite's message without the driver's prefix: "[SQLITE_ERROR] SQL error or missing database (what)" is "what". */
    private static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int open = message.indexOf(" (");
        return message.startsWith("[") && open > 0 && message.endsWith(")")
                ? message.substring(open + 2, message.length() - 1) : message;
    }

    /** A check ({@code SELECT metertap_require(…)}) must have its row read for its function to run. */
    private static void run(Statement statement, String sql) throws SQLException {
        if (sql.stripLeading().startsWith("SELECT")) {
            try (var rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
        } else {
            statement.execute(sql);
        }
    }
}
