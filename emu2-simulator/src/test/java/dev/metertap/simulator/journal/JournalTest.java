package dev.metertap.simulator.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {

    private static final Instant AT = Instant.parse("2024-06-01T12:00:00Z");

    private static FragmentEntry demand(long seq, String kw, Integrity integrity, long by) {
        return new FragmentEntry(seq, AT, "InstantaneousDemand", "schedule", "0xd8d5b90000001234", "0x00135003004f5a6b", AT,
                Map.of("demand_kw", new BigDecimal(kw)), Map.of(), "<I>\r\n\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1), integrity, by);
    }

    @Test
    void writesJsonLinesWithExactNumbersAndLosslessBytes(@TempDir Path dir) throws Exception {
        Journal journal = new Journal();
        Path file = dir.resolve("journal.jsonl");
        JsonLinesJournal sink = JsonLinesJournal.attach(journal, file);
        journal.append(demand(1, "0.100000000000000000001", Integrity.CLOBBERED, 2));
        journal.append(new CommandEntry(2, AT, "get_time", Map.of("refresh", "Y"), "pty", CommandEntry.Outcome.REPLY_DROPPED, 0));
        journal.append(new EventEntry(3, AT, "nul-bytes", "2 NUL bytes", new byte[2]));
        sink.close();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode fragment = json.readTree(lines.get(0));
        assertThat(fragment.get("values").get("demand_kw").decimalValue()).isEqualTo(new BigDecimal("0.100000000000000000001"));
        assertThat(fragment.get("integrity").asText()).isEqualTo("clobbered");
        assertThat(fragment.get("clobberedBy").asLong()).isEqualTo(2);
        assertThat(fragment.get("bytes").asText().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo("<I>\r\n\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1));
        JsonNode command = json.readTree(lines.get(1));
        assertThat(command.get("answered").asBoolean()).isFalse();
        assertThat(command.get("outcome").asText()).isEqualTo("reply_dropped");
        assertThat(json.readTree(lines.get(2)).get("bytes").asText()).isEqualTo("\u0000\u0000");
    }

    @Test
    void hashesTheWireBytesInOrderExceptLostFragments() {
        Journal a = new Journal();
        a.append(demand(1, "1", Integrity.INTACT, 0));
        a.append(demand(2, "1", Integrity.LOST, 0));
        Journal b = new Journal();
        b.append(demand(1, "1", Integrity.INTACT, 0));
        assertThat(a.wireSha256()).isEqualTo(b.wireSha256());
        assertThat(a.wireByteCount()).isEqualTo(7);
        b.append(demand(2, "1", Integrity.INTACT, 0));
        assertThat(a.wireSha256()).isNotEqualTo(b.wireSha256());
    }

    @Test
    void aBoundedJournalForgetsOldEntriesButKeepsCounting() throws Exception {
        Journal journal = new Journal(8);
        for (int i = 1; i <= 100; i++) {
            journal.append(demand(i, Integer.toString(i), Integrity.INTACT, 0));
        }
        assertThat(journal.size()).isEqualTo(100);
        assertThat(journal.nextSequence()).isEqualTo(101);
        assertThat(journal.entries()).hasSizeLessThanOrEqualTo(10).last().extracting(JournalEntry::sequence).isEqualTo(100L);
        assertThat(journal.entriesAfter(97)).extracting(JournalEntry::sequence).containsExactly(98L, 99L, 100L);
        assertThat(journal.entriesAfter(0).get(0).sequence()).isGreaterThan(90);
        assertThat(journal.awaitAfter(95, FragmentEntry.class, f -> true, Duration.ofSeconds(1)).sequence()).isEqualTo(96);
        assertThat(journal.wireByteCount()).isEqualTo(700);
    }

    @Test
    void rejectsOutOfOrderSequences() {
        Journal journal = new Journal();
        assertThatThrownBy(() -> journal.append(demand(2, "1", Integrity.INTACT, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void awaitReturnsAMatchOrTimesOutWithTheLastEntries() throws Exception {
        Journal journal = new Journal();
        journal.append(demand(1, "1.5", Integrity.INTACT, 0));
        assertThat(journal.await(FragmentEntry.class, f -> f.value("demand_kw").compareTo(new BigDecimal("1.5")) == 0, Duration.ofSeconds(1)).sequence())
                .isEqualTo(1);
        assertThatThrownBy(() -> journal.awaitAfter(1, FragmentEntry.class, f -> true, Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class).hasMessageContaining("InstantaneousDemand");
        assertThat(journal.fragments("InstantaneousDemand")).hasSize(1);
        assertThat(journal.commands()).isEmpty();
    }
}
