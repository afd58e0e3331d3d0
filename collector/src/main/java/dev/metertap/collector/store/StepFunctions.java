package dev.metertap.collector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Tag;
import org.sqlite.Function;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL functions a migration step may call, registered on the migrating connection only: what SQL cannot do
 * (escape a series key as line protocol does) or should not (stop a step with a message of its own).
 */
final class StepFunctions {

    private static final JsonFactory JSON = new JsonFactory();

    private StepFunctions() {
    }

    static void register(Connection connection) throws SQLException {
        Function.create(connection, "metertap_series_key", new SeriesKey(), 2, Function.FLAG_DETERMINISTIC);
        Function.create(connection, "metertap_require", new Require(), 2, Function.FLAG_DETERMINISTIC);
    }

    static void unregister(Connection connection) {
        try {
            Function.destroy(connection, "metertap_series_key");
            Function.destroy(connection, "metertap_require");
        } catch (SQLException ignored) {
            // the connection is closing or the functions went with it
        }
    }

    /**
     * A stored tag set (the JSON object {@link Store#tagsJson} wrote) as tags, in its order. Read as a stream of
     * names and values, not as a map: a tag set that names a key twice keeps both, as its line did.
     */
    static List<Tag> tags(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            List<Tag> tags = new ArrayList<>(4);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String key = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("not a string");
                }
                tags.add(new Tag(key, parser.getText()));
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IllegalArgumentException("not one object");
            }
            return tags;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a stored tag set is not readable: " + json);
        }
    }

    /** {@code metertap_series_key(measurement, tags)}: the series key a line of these starts with. */
    private static final class SeriesKey extends Function {
        @Override
        protected void xFunc() throws SQLException {
            try {
                result(LineProtocol.seriesKey(value_text(0), tags(value_text(1))));
            } catch (IllegalArgumentException | NullPointerException e) {
                error(e.getMessage());
            }
        }
    }

    /** {@code metertap_require(condition, message)}: fails the statement with {@code message} unless the condition holds. */
    private static final class Require extends Function {
        @Override
        protected void xFunc() throws SQLException {
            if (value_int(0) == 0) {
                error(value_text(1));
            } else {
                result(1);
            }
        }
    }
}
