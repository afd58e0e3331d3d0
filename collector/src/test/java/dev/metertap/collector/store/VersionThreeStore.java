package dev.metertap.collector.store;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Point;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A store as metertap wrote it before the compact schema: the released steps 1 to 3 and the writes of that
 * version's {@code Store} (one line-protocol line per row), copied here so that the file is made without the
 * code under test.
 */
final class VersionThreeStore implements AutoCloseable {

    /** Version 3's upsert, as released. */
    private static final String UPSERT = """
            INSERT INTO points (seq, measurement, tags, time, line)
            VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM points), ?, ?, ?, ?)
            ON CONFLICT (measurement, tags, time) DO UPDATE SET line = excluded.line, seq = excluded.seq
            WHERE line IS NOT excluded.line""";

    /** A stored row: what a sink was given, in its order. */
    record Row(long seq, String line) {
    }

    private final Connection connection;

    private VersionThreeStore(Connection connection) {
        this.connection = connection;
    }

    /** A new file at version 3. */
    static VersionThreeStore create(Path file) throws SQLException {
        VersionThreeStore store = reopen(file);
        try (Statement statement = store.connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
            for (List<String> step : Migrations.STEPS.subList(0, 3)) {
                for (String sql : step) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = 3");
        }
        return store;
    }

    /** A file {@link #create} made, to write to it again. */
    static VersionThreeStore reopen(Path file) throws SQLException {
        return new VersionThreeStore(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    }

    /** Stores points in one transaction as version 3 did. */
    void append(List<Point> points) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Point point : points) {
                upsert.setString(1, point.measurement());
                upsert.setString(2, Store.tagsJson(point.tags()));
                upsert.setLong(3, point.epochSecond());
                upsert.setString(4, LineProtocol.encode(point));
                upsert.executeUpdate();
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every stored row in seq order, read with plain SQL from whatever {@code file} holds now. */
    static List<Row> rows(Path file) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement statement = reader.createStatement();
             ResultSet result = statement.executeQuery("SELECT seq, line FROM points ORDER BY seq")) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2)));
            }
        }
        return rows;
    }

    static int userVersion(Path file) throws SQLException {
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement statement = reader.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
