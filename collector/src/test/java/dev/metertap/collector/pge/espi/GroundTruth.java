package dev.metertap.collector.pge.espi;

import dev.metertap.collector.reading.IntervalReading;
import dev.metertap.pgemock.espi.EspiLinks;
import dev.metertap.pgemock.espi.FeedWriter;
import dev.metertap.pgemock.espi.TrueInterval;
import dev.metertap.pgemock.espi.UsageModel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The mock's ground truth against what the parser produced: same keys, exactly the same values. */
final class GroundTruth {

    static final Clock PUBLISHED = Clock.fixed(Instant.parse("2026-11-20T07:24:36.374Z"), ZoneOffset.UTC);

    record Key(String usagePoint, String flow, Instant start) {
    }

    private GroundTruth() {
    }

    static byte[] feed(UsageModel model, List<String> ids, Instant from, Instant to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new FeedWriter(EspiLinks.pge(), PUBLISHED).writeFeed(model, ids, from, to, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Stream<TrueInterval> truth(UsageModel model, List<String> ids, Instant from, Instant to) {
        return ids.stream().flatMap(id -> model.trueIntervals(id, from, to));
    }

    static Stream<TrueInterval> published(UsageModel model, List<String> ids, Instant from, Instant to) {
        return ids.stream().flatMap(id -> model.publishedIntervals(id, from, to));
    }

    /** Upserts like the store: the later reading of a key replaces the earlier. */
    static Map<Key, IntervalReading> upserted(Collection<IntervalReading> readings) {
        Map<Key, IntervalReading> byKey = new LinkedHashMap<>();
        for (IntervalReading r : readings) {
            byKey.put(new Key(r.usagePoint(), r.flow().name(), r.start()), r);
        }
        return byKey;
    }

    /** Every expected interval present with the exact value, unit, quality, cost and tou; nothing else. */
    static void assertExactly(Map<Key, IntervalReading> actual, Stream<TrueInterval> expected) {
        Map<Key, TrueInterval> truth = expected.collect(Collectors.toMap(
                t -> new Key(t.usagePointId(), t.flow().name(), t.start()), t -> t, (a, b) -> b, LinkedHashMap::new));
        assertThat(truth).as("ground truth").isNotEmpty();
        assertThat(actual.keySet()).as("intervals").containsExactlyInAnyOrderElementsOf(truth.keySet());
        for (Map.Entry<Key, TrueInterval> entry : truth.entrySet()) {
            TrueInterval t = entry.getValue();
            IntervalReading r = actual.get(entry.getKey());
            assertThat(r.value()).as("value of %s", entry.getKey()).isEqualByComparingTo(t.value());
            assertThat(r.commodity().name()).as("commodity of %s", entry.getKey()).isEqualTo(t.commodity().name());
            assertThat(r.unit().symbol()).as("unit of %s", entry.getKey()).isEqualTo(t.unit());
            assertThat(r.intervalSeconds()).as("interval of %s", entry.getKey()).isEqualTo(t.durationSeconds());
            assertThat(r.quality()).as("quality of %s", entry.getKey()).isEqualTo(t.quality());
            assertThat(r.tou()).as("tou of %s", entry.getKey()).isEqualTo(t.tou());
            if (t.cost() == null) {
                assertThat(r.cost()).as("cost of %s", entry.getKey()).isNull();
            } else {
                assertThat(r.cost()).as("cost of %s", entry.getKey()).isNotNull().isEqualByComparingTo(t.cost());
            }
            assertThat(Objects.equals(r.flow().name(), t.flow().name())).isTrue();
        }
    }
}
