package dev.metertap.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The virtual EMU-2's journal file (JSON lines): the ground truth of what it wrote. */
record DeviceJournal(List<JsonNode> entries) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static DeviceJournal read(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return new DeviceJournal(lines.map(DeviceJournal::parse).toList());
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every InstantaneousDemand written whole with a time, as {@code "<epoch s> <kW>"}, the kW without trailing zeros. */
    Set<String> wholeDemands() {
        return fragments().stream()
                .filter(f -> f.path("type").asText().equals("InstantaneousDemand") && f.path("integrity").asText().equals("intact")
                        && !f.path("deviceTime").isNull())
                .map(f -> Instant.parse(f.path("deviceTime").asText()).getEpochSecond() + " "
                        + f.path("values").path("demand_kw").decimalValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.toSet());
    }

    long notWhole() {
        return fragments().stream().filter(f -> !f.path("integrity").asText().equals("intact")).count();
    }

    private List<JsonNode> fragments() {
        return entries.stream().filter(e -> e.path("kind").asText().equals("fragment")).toList();
    }
}
