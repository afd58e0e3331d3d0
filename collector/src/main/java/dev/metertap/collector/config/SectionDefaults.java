package dev.metertap.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Completes a partial {@code batching:} or {@code backoff:} before binding, so that
 * {@code batching: {max-delay: 1h}} means "the defaults, but a delay of one hour": the top-level sections
 * from the built-in defaults, a sink's sections from the top-level ones, which they override key by key.
 * Without this, an absent key reaches the record as null and Jackson says "Cannot map `null` into type `int`".
 */
final class SectionDefaults {

    private SectionDefaults() {
    }

    static void fill(ObjectNode root) {
        ObjectNode batching = complete(root, "batching", node(Batching.DEFAULT));
        ObjectNode backoff = complete(root, "backoff", node(Backoff.DEFAULT));
        for (JsonNode sink : root.path("sinks").isArray() ? root.path("sinks") : JsonNodeFactory.instance.arrayNode()) {
            if (sink instanceof ObjectNode entry) {
                complete(entry, "batching", batching);
                complete(entry, "backoff", backoff);
            }
        }
        // the top-level sections first: a bad value copied into a sink is then reported where the user wrote it
        ObjectNode rest = root.deepCopy();
        root.removeAll();
        for (String first : new String[] {"batching", "backoff"}) {
            if (rest.has(first)) {
                root.set(first, rest.remove(first));
            }
        }
        root.setAll(rest);
    }

    /** The section with the keys it lacks taken from {@code defaults}; {@code defaults} when there is no section. */
    private static ObjectNode complete(ObjectNode parent, String key, ObjectNode defaults) {
        if (!(parent.get(key) instanceof ObjectNode section)) {
            return defaults;  // absent, or not a mapping (binding reports that with its path)
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!section.has(entry.getKey())) {
                section.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
        return section;
    }

    private static ObjectNode node(Batching batching) {
        return JsonNodeFactory.instance.objectNode()
                .put("max-points", batching.maxPoints())
                .put("max-bytes", batching.maxBytes())
                .put("max-delay", text(batching.maxDelay()));
    }

    private static ObjectNode node(Backoff backoff) {
        return JsonNodeFactory.instance.objectNode()
                .put("initial", text(backoff.initial()))
                .put("max", text(backoff.max()));
    }

    /** As the configuration writes durations. */
    private static String text(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
