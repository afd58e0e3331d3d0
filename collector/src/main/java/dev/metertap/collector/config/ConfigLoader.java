package dev.metertap.collector.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.notify.ReceiverSettings;
import dev.metertap.collector.sink.Forwarder;
import dev.metertap.collector.sink.Sink;
import dev.metertap.collector.store.Store;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration strictly: keys are kebab-case, an unknown key or a bad value is an
 * error whose message starts with the key's path ({@code sinks[0].batching.max-points}).
 */
public final class ConfigLoader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final ObjectMapper mapper;
    private final Map<String, String> environment;

    /** @param environment where {@code {env: NAME}} secrets come from: {@code System.getenv()} in production */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .registerModule(new SimpleModule("metertap").addDeserializer(Duration.class, new DurationText())
                        .addDeserializer(Path.class, new PathText()));
    }

    public MetertapConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** @param origin the file name, for messages */
    public MetertapConfig parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            return MetertapConfig.DEFAULTS;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(yaml);
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                return MetertapConfig.DEFAULTS;
            }
            if (!tree.isObject()) {
                throw new ConfigException(origin + ": expected keys like 'store:' and 'sinks:' at the top level");
            }
            UnknownKeys.check(tree, MetertapConfig.class, "", origin);
            SectionDefaults.fill((ObjectNode) tree);
            return mapper.treeToValue(tree, MetertapConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(origin + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": " + syntax(e), e);
        }
    }

    /** Builds the sink named {@code name}, resolving its secrets; errors name the entry ({@code sinks[1].token}). */
    public Sink openSink(MetertapConfig config, String name, PrintStream stdout) {
        SinkConfig sink = config.sink(name);
        if (sink instanceof MqttSinkConfig mqtt) {
            // its reconnects back off as its forwarder's retries do
            return mqtt.withBackoff(config.backoffOf(sink)).open("sinks[" + config.sinks().indexOf(sink) + "]", environment, stdout);
        }
        return sink.open("sinks[" + config.sinks().indexOf(sink) + "]", environment, stdout);
    }

    /**
     * A forwarder for every configured sink, not yet started: {@code forwarders.forEach(Forwarder::start)},
     * and close them before the store.
     */
    public List<Forwarder> forwarders(MetertapConfig config, Store store, PrintStream stdout) {
        List<Forwarder> forwarders = new ArrayList<>();
        for (SinkConfig sink : config.sinks()) {
            forwarders.add(new Forwarder(store, openSink(config, sink.name(), stdout), config.batchingOf(sink), config.backoffOf(sink)));
        }
        return forwarders;
    }

    /** The Share My Data client's settings from {@code pge:}, reading its certificate, key and secrets now. */
    public ShareMyDataSettings shareMyData(MetertapConfig config) {
        return config.requirePge().settings(environment);
    }

    /** The notification receiver's settings from {@code pge.notifications:}; it follows only URLs under {@code pge.resource-base}. */
    public ReceiverSettings notificationReceiver(MetertapConfig config) {
        PgeConfig pge = config.requirePge();
        if (pge.notifications() == null) {
            throw new ConfigException("no 'pge.notifications:' section: the receiver needs its certificate and key (and a port)");
        }
        return pge.notifications().settings(pge.resourceBase());
    }

    /** One line: where the YAML goes wrong and what the parser expected there. */
    private static String syntax(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                        : " (" + yaml.getContext() + " from " + at(yaml.getContextMark()) + ")";
                return "not valid YAML at " + at(yaml.getProblemMark()) + ": " + oneLine(yaml.getProblem()) + context;
            }
        }
        return "not valid YAML at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                + oneLine(e.getOriginalMessage());
    }

    private static String at(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String oneLine(String text) {
        return text.replace("'\\t(TAB)'", "a tab").replace("\\t(TAB)", "tabs").replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String describe(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown key '" + path + "'; known keys here: " + kebab(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidTypeIdException typeId) {
            return path + ".type: unknown sink type '" + typeId.getTypeId() + "'; expected influxdb-v1, influxdb-v2, stdout or mqtt";
        }
        if (e instanceof InvalidFormatException format) {
            return path + ": '" + format.getValue() + "' is not a valid " + typeName(format.getTargetType())
                    + (format.getTargetType() == Duration.class ? " (like 500ms, 10s, 5m, 1h)" : "");
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return (path.isEmpty() ? "" : path + ": ") + instantiation.getCause().getMessage();
        }
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String kebab(java.util.Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).sorted().toList());
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == BigDecimal.class) {
            return "number";
        }
        return type.getSimpleName();
    }

    /** Durations as people write them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    private static final class DurationText extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            Matcher m = text == null ? null : DURATION.matcher(text.strip());
            if (m == null || !m.matches()) {
                throw context.weirdStringException(text, Duration.class, "expected a duration like 500ms, 10s, 5m or 1h");
            }
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
    }

    /**
     * A file's path exactly as written. Jackson's own reads a path holding a colon as a URI, so that
     * {@code /var/lib/metertap/kit: 2026/client.crt} is refused as an illegal URI.
     */
    private static final class PathText extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                throw context.weirdStringException(text, Path.class, "expected a file's path");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw context.weirdStringException(text, Path.class, e.getReason());
            }
        }
    }
}
