package dev.metertap.collector.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection that reads the store and writes nothing, not even SQLite's side files, so it needs no write
 * permission on the file or its directory.
 *
 * <p>SQLite (checked with 3.46, as root and as {@code nobody}): with a live WAL ({@code -wal} exists: a writer has
 * the file open, or one died) {@code mode=ro} reads everything committed, the WAL included. Without one,
 * {@code mode=ro} would create {@code -wal} and {@code -shm} (and fails with {@code SQLITE_READONLY_DIRECTORY}
 * where it may not), while {@code immutable=1} reads the file as it is and creates nothing.
 */
final class ReadOnlyConnection {

    private ReadOnlyConnection() {
    }

    static Connection open(Path database) throws SQLException {
        boolean liveWal = Files.exists(Path.of(database + "-wal"));
        try {
            return open(database, liveWal ? "mode=ro" : "immutable=1");
        } catch (SQLiteException e) {
            // the writer closed, taking its WAL with it, between our look and our open
            if (liveWal && e.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_DIRECTORY) {
                return open(database, "immutable=1");
            }
            throw e;
        }
    }

    private static Connection open(Path database, String parameter) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        // a URI filename: toUri() percent-encodes what SQLite would otherwise read as its own syntax (?, #, %)
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath().toUri() + "?" + parameter,
                config.toProperties());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("PRAGMA cache_size = -512");
            // the first read opens the file: a failure to read it belongs to open, not to a later query
            statement.execute("PRAGMA user_version");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
