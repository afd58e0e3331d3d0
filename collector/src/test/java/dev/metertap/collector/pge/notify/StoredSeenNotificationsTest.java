package dev.metertap.collector.pge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.metertap.collector.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredSeenNotificationsTest {

    @Test
    void remembersCorrelationIdsAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("metertap.db");
        try (Store store = Store.open(file); StoredSeenNotifications seen = new StoredSeenNotifications(store, Clock.systemUTC())) {
            assertThat(seen.firstTime("7f3c")).isTrue();
            assertThat(seen.firstTime("7f3c")).isFalse();
        }
        try (Store store = Store.open(file); StoredSeenNotifications seen = new StoredSeenNotifications(store, Clock.systemUTC())) {
            assertThat(seen.firstTime("7f3c")).isFalse();
            assertThat(seen.firstTime("8a41")).isTrue();
        }
    }
}
