package dev.metertap.collector.pge.espi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StartFingerprintsTest {

    private static final long ABSENT = -7;

    @Test
    void behavesLikeAMapThroughManyGrowths() {
        StartFingerprints fingerprints = new StartFingerprints();
        Map<Long, Long> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys at first so that repeats happen, then spread out; Long.MIN_VALUE is the free marker
            long key = i % 1000 == 0 ? Long.MIN_VALUE : random.nextLong(i < 50_000 ? 20_000 : Long.MAX_VALUE);
            long value = random.nextLong(3);
            Long expected = reference.put(key, value);
            assertThat(fingerprints.put(key, value, ABSENT)).as("put #%d", i).isEqualTo(expected == null ? ABSENT : expected);
        }
    }
}
