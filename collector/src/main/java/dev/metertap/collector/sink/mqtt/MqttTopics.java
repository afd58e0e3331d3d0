package dev.metertap.collector.sink.mqtt;

/**
 * Where the sink publishes: {@code <prefix>/status} (the collector, with its last will), and per meter
 * {@code <prefix>/<meter>/state} and {@code <prefix>/<meter>/availability}; Home Assistant's discovery on
 * {@code <discovery>/device/<device id>/config} and its birth message on {@code <discovery>/status}.
 */
public record MqttTopics(String prefix, String discoveryPrefix) {

    public MqttTopics {
        checkPrefix(prefix, "topic-prefix");
        checkPrefix(discoveryPrefix, "discovery-prefix");
    }

    /** {@code prefix} when it can begin a topic name we publish to; else one line naming {@code key}. */
    public static String checkPrefix(String prefix, String key) {
        if (prefix == null || prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("'" + key + "' is one or more topic levels without a leading or trailing '/', like metertap or home/metertap");
        }
        if (prefix.contains("+") || prefix.contains("#") || prefix.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("'" + key + "' must not contain the wildcards '+' or '#' or control characters");
        }
        return prefix;
    }

    /** A meter's MAC (0x00135001000c3f4e) as one topic level and id: 00135001000c3f4e. */
    public static String meterLevel(String meter) {
        String bare = meter.startsWith("0x") || meter.startsWith("0X") ? meter.substring(2) : meter;
        return bare.replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(java.util.Locale.ROOT);
    }

    /** Home Assistant's device id and the prefix of its entities' unique ids. */
    public static String deviceId(String meter) {
        return "metertap_" + meterLevel(meter);
    }

    public String collectorStatus() {
        return prefix + "/status";
    }

    public String state(String meter) {
        return prefix + "/" + meterLevel(meter) + "/state";
    }

    public String availability(String meter) {
        return prefix + "/" + meterLevel(meter) + "/availability";
    }

    public String discovery(String meter) {
        return discoveryPrefix + "/device/" + deviceId(meter) + "/config";
    }

    public String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }
}
