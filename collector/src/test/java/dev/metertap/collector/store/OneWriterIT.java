package dev.metertap.collector.store;

import dev.metertap.collector.reading.DemandReading;
import dev.metertap.collector.run.ChildLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two real processes on one store: the second writer is refused and told who holds it; a killed holder frees it. */
class OneWriterIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern SINCE = Pattern.compile("since (\\S+)\\); stop it first$");

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void killLeftover() {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly();
        }
    }

    @Test
    void aWriterInAnotherProcessIsNamedAndItsLockDiesWithIt() throws Exception {
        Path file = dir.resolve("data/metertap.db");
        Instant launched = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreHolderMain.class.getName(), file.toString())
                .redirectError(dir.resolve("holder.log").toFile()).start();
        new ChildLines(holder.getInputStream(), DEADLINE).await(line -> line.startsWith(StoreHolderMain.HOLDING), "the child holds the store");

        assertThatThrownBy(() -> Store.open(file, "metertap pge import"))
                .isInstanceOf(StoreInUseException.class)
                .hasMessageStartingWith("the store " + file.toAbsolutePath() + " is in use by process " + holder.pid()
                        + " (metertap run, since ")
                .satisfies(e -> {
                    Matcher since = SINCE.matcher(e.getMessage());
                    assertThat(since.find()).as(e.getMessage()).isTrue();
                    assertThat(Instant.parse(since.group(1))).as("since the child started").isAfterOrEqualTo(launched)
                            .isBeforeOrEqualTo(Instant.now());
                });
        try (Store reader = Store.openReadOnly(file)) {
            assertThat(reader.stats().points()).as("a reader is not refused").isZero();
        }

        holder.destroyForcibly(); // SIGKILL: no close(), the OS alone drops the lock
        assertThat(holder.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        try (Store next = Store.open(file, "metertap pge import")) {
            assertThat(next.append(new DemandReading("d1", "m1", Instant.parse("2026-11-23T08:00:00Z"), new BigDecimal("1.250"))))
                    .isTrue();
        }
    }
}
