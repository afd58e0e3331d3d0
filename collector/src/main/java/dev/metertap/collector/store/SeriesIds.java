package dev.metertap.collector.store;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's map from a series (measurement and tag set) to its row in {@code series}, adding rows for new ones.
 * Used under the store's write lock, inside its transactions: an id made by a transaction that rolls back is
 * forgotten with it ({@link #rolledBack}), so the map never names a row the file does not have.
 */
final class SeriesIds implements AutoCloseable {

    // a collector sees a handful of series; rtlamr may hear many meters: forget them all past this many
    private static final int MAX_REMEMBERED = 10_000;

    private record Name(String measurement, String tagsJson) {
    }

    private final Map<Name, Long> committed = new HashMap<>();
    private final Map<Name, Long> pending = new HashMap<>();
    private final PreparedStatement select;
    private final PreparedStatement insert;

    SeriesIds(Connection writer) throws SQLException {
        this.select = writer.prepareStatement("SELECT id FROM series WHERE measurement = ? AND tags = ?");
        this.insert = writer.prepareStatement("INSERT INTO series (measurement, tags, key) VALUES (?, ?, ?)");
    }

    /** The id of this series, adding it inside the current transaction when it is new. */
    long idFor(String measurement, List<Tag> tags) throws SQLException {
        Name name = new Name(measurement, Store.tagsJson(tags));
        Long id = committed.get(name);
        if (id == null) {
            id = pending.get(name);
        }
        if (id != null) {
            return id;
        }
        id = find(name);
        if (id == null) {
            insert.setString(1, measurement);
            insert.setString(2, name.tagsJson());
            insert.setString(3, LineProtocol.seriesKey(measurement, tags));
            insert.executeUpdate();
            id = find(name);
        }
        pending.put(name, id);
        return id;
    }

    private Long find(Name name) throws SQLException {
        select.setString(1, name.measurement());
        select.setString(2, name.tagsJson());
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getLong(1) : null;
        }
    }

    void committed() {
        if (committed.size() + pending.size() > MAX_REMEMBERED) {
            committed.clear();
        }
        committed.putAll(pending);
        pending.clear();
    }

    void rolledBack() {
        pending.clear();
    }

    @Override
    public void close() throws SQLException {
        select.close();
        insert.close();
    }
}
