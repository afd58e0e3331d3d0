package dev.metertap.simulator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Journal entries as JSON, one object a line. Values are exact JSON numbers; wire bytes are written
 * as ISO-8859-1 text (each byte one character) so CR, LF, NUL and 0xFF survive.
 */
public final class JsonLinesJournal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesJournal.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = new JsonNodeFactory(true);

    private final BufferedWriter out;

    private JsonLinesJournal(BufferedWriter out) {
        this.out = out;
    }

    /** Opens (truncating) {@code file} and appends every entry the journal receives from now on. */
    public static JsonLinesJournal attach(Journal journal, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JsonLinesJournal sink = new JsonLinesJournal(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        journal.addListener(sink::write);
        return sink;
    }

    private synchronized void write(JournalEntry entry) {
        try {
            out.write(line(entry));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            LOG.warn("cannot write journal line: {}", e.toString());
        }
    }

    /** One entry as a JSON object. */
    public static String line(JournalEntry entry) {
        try {
            return MAPPER.writeValueAsString(node(entry));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode node(JournalEntry entry) {
        ObjectNode node = NODES.objectNode();
        node.put("seq", entry.sequence());
        node.put("at", entry.at().toString());
        if (entry instanceof FragmentEntry f) {
            node.put("kind", "fragment");
            node.put("type", f.type());
            node.put("trigger", f.trigger());
            node.put("device", f.deviceMacId());
            node.put("meter", f.meterMacId());
            node.put("deviceTime", f.deviceTime() == null ? null : f.deviceTime().toString());
            ObjectNode values = node.putObject("values");
            new TreeMap<>(f.values()).forEach(values::put);
            ObjectNode text = node.putObject("text");
            new TreeMap<>(f.text()).forEach(text::put);
            node.put("integrity", f.integrity().name().toLowerCase());
            if (f.clobberedBy() != 0) {
                node.put("clobberedBy", f.clobberedBy());
            }
            node.put("bytes", f.wireText());
        } else if (entry instanceof CommandEntry c) {
            node.put("kind", "command");
            node.put("name", c.name());
            ObjectNode params = node.putObject("params");
            new TreeMap<>(c.params()).forEach(params::put);
            node.put("origin", c.origin());
            node.put("outcome", c.outcome().name().toLowerCase());
            node.put("answered", c.answered());
            node.put("replies", c.replies());
        } else if (entry instanceof EventEntry e) {
            node.put("kind", "event");
            node.put("event", e.kind());
            node.put("detail", e.detail());
            if (e.bytes().length > 0) {
                node.put("bytes", e.wireText());
            }
        }
        return node;
    }


    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
