package dev.metertap.collector.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector killed with SIGKILL mid-stream, then restarted: nothing acknowledged is lost, nothing arrives twice. */
@ExtendWith(InfluxdExtension.class)
class CrashRecoveryIT {

    private static final int TOTAL = 4_000;
    private static final int KILL_AFTER = 1_500;

    @TempDir
    Path dir;

    private Process collector(Path db, Influxd influxd, int from, int to) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CollectorProcessMain.class.getName(), db.toString(), influxd.url().toString(), "crash",
                Integer.toString(from), Integer.toString(to))
                .redirectError(dir.resolve("collector-" + from + ".log").toFile())
                .start();
    }

    @Test
    void sigkillMidStreamLosesNothingAcknowledgedAndDuplicatesNothing(Influxd influxd) throws Exception {
        influxd.createDatabase("crash");
        Path db = dir.resolve("metertap.db");

        Process first = collector(db, influxd, 0, TOTAL);
        Set<Integer> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged.add(Integer.parseInt(line.substring("STORED ".length())));
                if (acknowledged.size() == KILL_AFTER) {
                    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
                    break;
                }
            }
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        assertThat(acknowledged).hasSize(KILL_AFTER);

        int resumeFrom;
        try (Store store = Store.open(db)) {
            StoreAssert.assertThat(store).isIntact()
                    .holds(acknowledged.stream().map(CollectorProcessMain::reading).toList());
            resumeFrom = (int) store.stats().points();
        }

        // the restarted collector carries on after what the first one committed, plus an overlap it re-reads
        Process second = collector(db, influxd, Math.max(0, resumeFrom - 100), TOTAL);
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                last = line;
            }
        }
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last).isEqualTo("DELIVERED");
        assertThat(second.exitValue()).isZero();

        try (Store store = Store.open(db)) {
            StoreAssert.assertThat(store).isIntact().hasPoints(TOTAL).hasNothingPendingFor("influx");
        }
        JsonNode rows = new ObjectMapper().readTree(influxd.query("crash", "SELECT kw FROM emu2_demand"))
                .path("results").path(0).path("series").path(0).path("values");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            DemandReading r = CollectorProcessMain.reading(i);
            expected.add(r.time().getEpochSecond() + "=" + r.kw().stripTrailingZeros().toPlainString());
        }
        List<String> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(row.path(0).asLong() + "=" + row.path(1).decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
