package dev.metertap.collector.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds a key the configuration records do not have, before binding. Jackson reports unknown keys
 * only after it has built the object, so a typo ({@code max-dealy}) would otherwise surface as the
 * misleading "max-delay is required".
 */
final class UnknownKeys {

    private static final PropertyNamingStrategies.NamingBase KEBAB =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

    private UnknownKeys() {
    }

    /** Throws a {@link ConfigException} naming the first unknown key's path. */
    static void check(JsonNode node, Type type, String path, String origin) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (List.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType p) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]", origin);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (raw.isInterface() && raw.isAnnotationPresent(JsonSubTypes.class)) {
            String typeName = node.path("type").asText(null);
            for (JsonSubTypes.Type subtype : raw.getAnnotation(JsonSubTypes.class).value()) {
                if (subtype.name().equals(typeName)) {
                    checkRecord(node, subtype.value(), path, origin, "type");
                }
            }
            return; // a missing or unknown type is reported by Jackson, with the path
        }
        if (raw.isRecord()) {
            checkRecord(node, raw, path, origin, null);
        }
    }

    private static void checkRecord(JsonNode node, Class<?> record, String path, String origin, String extraKey) {
        Map<String, RecordComponent> known = new java.util.HashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            known.put(KEBAB.translate(component.getName()), component);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String keyPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            RecordComponent component = known.get(entry.getKey());
            if (component == null) {
                if (entry.getKey().equals(extraKey)) {
                    continue;
                }
                TreeSet<String> names = new TreeSet<>(known.keySet());
                if (extraKey != null) {
                    names.add(extraKey);
                }
                throw new ConfigException(origin + ": unknown key '" + keyPath + "'; known keys here: " + String.join(", ", names));
            }
            check(entry.getValue(), component.getGenericType(), keyPath, origin);
        }
    }
}
