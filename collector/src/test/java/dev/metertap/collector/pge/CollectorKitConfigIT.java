package dev.metertap.collector.pge;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.PgeConfig;
import dev.metertap.pgemock.CollectorKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pge: section the mock's kit writes is read back by the real loader, wherever the kit lives. */
class CollectorKitConfigIT {

    @Test
    void aKitInADirectoryWhoseNameYamlWouldMisreadIsReadBackWhole(@TempDir Path dir) throws Exception {
        // ": " ends a YAML key, " #" starts a comment, quotes and backslashes need escaping
        Path kitDir = dir.resolve("my \"kit\" #1: c:\\pge");
        CollectorKit kit = CollectorKit.prepare(kitDir);
        try (PgeMock mock = new PgeMock(kit.notifying(PgeMockOptions.defaults())).start()) {
            PgeConfig pge = new ConfigLoader(Map.of()).parse(kit.pgeSection(mock, Duration.ZERO), "metertap.yaml").pge();

            assertThat(pge.certificate()).startsWith(kitDir).exists();
            assertThat(pge.key()).startsWith(kitDir).exists();
            assertThat(pge.extraCa()).startsWith(kitDir).exists();
            assertThat(pge.notifications().certificate()).startsWith(kitDir).exists();
            assertThat(pge.notifications().key()).startsWith(kitDir).exists();
            assertThat(Files.readString(Path.of(pge.clientSecret().file())).strip()).isEqualTo(mock.credentials().clientSecret());
        }
    }
}
