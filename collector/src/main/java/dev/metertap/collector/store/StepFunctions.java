package dev.metertap.collector.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Tag;
import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * SQL functions a migration step may call, registered on the migrating connection only: what SQL cannot do
 * (escape a series key as line protocol does) or should not (stop a step with a message of its own).
 */
final class StepFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** A stored tag set (the JSON object {@link Store#tagsJson} wrote, in its order) as tags. */
    static List<Tag> tags(String json) {
        try {
            JsonNode object = JSON.readTree(json);
            List<Tag> tags = new ArrayList<>(object.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = it.next();
                tags.add(new Tag(tag.getKey(), tag.getValue().textValue()));
            }
            return tags;
        } catch (Exception e) {
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
