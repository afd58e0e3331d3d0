package dev.metertap.simulator.rtlamr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The virtual rtlamr's ground truth, one JSON object a line, appended across restarts: each message it decoded
 * (whether it reached the output whole), each fault it applied, each start and end. Flushed line by line, so a
 * process killed for its silence leaves a complete journal behind.
 */
public final class RtlamrJournal implements Closeable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedWriter out;

    private RtlamrJournal(BufferedWriter out) {
        this.out = out;
    }

    /** Appends to {@code file}, creating it. */
    public static RtlamrJournal append(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new RtlamrJournal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    public void started(Instant at, long seed, boolean resumed) {
        ObjectNode node = MAPPER.createObjectNode().put("kind", "start").put("at", at.toString()).put("seed", seed)
                .put("resumed", resumed);
        write(node);
    }

    public void message(long seq, RadioMessage m, boolean repeat, boolean delivered) {
        ObjectNode node = MAPPER.createObjectNode().put("kind", "message").put("seq", seq).put("at", m.at().toString())
                .put("type", m.meter().protocol().wireName()).put("meter", m.meter().id()).put("ertType", m.meter().ertType())
                .put("consumption", m.consumption()).put("generation", m.generation()).put("net", m.net())
                .put("counter", m.counter()).put("repeat", repeat).put("delivered", delivered);
        ArrayNode intervals = node.putArray("intervals");
        for (RadioMessage.Interval i : m.intervals()) {
            intervals.addArray().add(i.closedAt()).add(i.value()).add(i.counter());
        }
        write(node);
    }

    public void fault(String fault, Instant at, long afterMessage) {
        write(MAPPER.createObjectNode().put("kind", "fault").put("fault", fault).put("at", at.toString())
                .put("afterMessage", afterMessage));
    }

    public void ended(Instant at, long messages) {
        write(MAPPER.createObjectNode().put("kind", "end").put("at", at.toString()).put("messages", messages));
    }

    private synchronized void write(ObjectNode node) {
        try {
            out.write(MAPPER.writeValueAsString(node));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * What a journal says happened, for a restarted simulator and for tests scoring a reader against it.
     *
     * @param messages every message decoded, in order, delivered or not
     * @param faults   the faults applied, by name, in order
     * @param ends     how many times a run reached its message limit
     */
    public record Truth(List<Entry> messages, List<String> faults, int starts, int ends, Instant lastAt) {

        public List<Entry> delivered() {
            return messages.stream().filter(Entry::delivered).toList();
        }
    }

    /** One journalled message. */
    public record Entry(long seq, Instant at, String type, long meter, int ertType, long consumption, long generation, long net,
                        int counter, boolean repeat, boolean delivered, List<RadioMessage.Interval> intervals) {
    }

    /** Reads a journal; an absent file is an empty truth. A torn last line (killed mid-write) is ignored. */
    public static Truth read(Path file) throws IOException {
        List<Entry> messages = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        int starts = 0;
        int ends = 0;
        Instant last = null;
        if (!Files.exists(file)) {
            return new Truth(messages, faults, 0, 0, null);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (IOException e) {
                continue;
            }
            if (node == null || !node.has("kind")) {
                continue;
            }
            Instant at = Instant.parse(node.get("at").asText());
            last = last == null || at.isAfter(last) ? at : last;
            switch (node.get("kind").asText()) {
                case "start" -> starts++;
                case "end" -> ends++;
                case "fault" -> faults.add(node.get("fault").asText());
                case "message" -> {
                    List<RadioMessage.Interval> intervals = new ArrayList<>();
                    for (JsonNode i : node.get("intervals")) {
                        intervals.add(new RadioMessage.Interval(i.get(0).asLong(), i.get(1).asInt(), i.get(2).asInt()));
                    }
                    messages.add(new Entry(node.get("seq").asLong(), at, node.get("type").asText(), node.get("meter").asLong(),
                            node.get("ertType").asInt(), node.get("consumption").asLong(), node.get("generation").asLong(),
                            node.get("net").asLong(), node.get("counter").asInt(), node.get("repeat").asBoolean(),
                            node.get("delivered").asBoolean(), intervals));
                }
                default -> {
                }
            }
        }
        return new Truth(messages, faults, starts, ends, last);
    }
}
