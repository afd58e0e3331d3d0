package dev.metertap.demo;

import dev.metertap.collector.run.ChildLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C in the middle of a month-long demo: the summary so far, the store's readings delivered, the port gone, 130. */
class DemoInterruptIT {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void ctrlCPrintsTheSummarySoFarRemovesThePortAndExits130() throws Exception {
        Path demo = dir.resolve("demo");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // a child started from a JVM may inherit SIGINT ignored, and a JVM never handles an ignored SIGINT: perl
        // restores the default before it becomes the JVM
        Process child = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                java.toString(), "-cp", System.getProperty("java.class.path"), DemoCommand.class.getName(),
                "--duration", "30d", "--speed", "3600", "--backfill-days", "1", "--dir", demo.toString())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            ChildLines out = new ChildLines(child.getInputStream(), DEADLINE);
            out.await(line -> line.contains(" kW |") && !line.contains("| - kW"), "a status line with a demand reading");
            assertThat(Files.isSymbolicLink(demo.resolve("ttyEMU2"))).as("the port while the demo runs").isTrue();

            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT").isTrue();
            assertThat(child.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the demo ended after Ctrl-C").isTrue();

            List<String> lines = out.untilEnd();
            String stderr = Files.readString(dir.resolve("stderr.txt"));
            assertThat(child.exitValue()).as("exit status; stdout:%n%s%nstderr:%n%s", out.text(), stderr).isEqualTo(130);
            assertThat(lines).anyMatch(line -> line.startsWith("metertap demo stopped by Ctrl-C after "))
                    .contains("  ./metertap report --store " + demo.resolve("metertap.db"));
            assertThat(stderr).doesNotContain("Exception", "\tat ");
            assertThat(Files.exists(demo.resolve("ttyEMU2"), LinkOption.NOFOLLOW_LINKS)).as("the port link removed").isFalse();
            assertThat(StoredPoints.count(demo.resolve("metertap.db"), "emu2_demand")).as("demand readings stored").isPositive();
            assertThat(Set.copyOf(Files.readAllLines(demo.resolve("points.lp"))))
                    .as("the sink got everything stored before the demo stopped")
                    .isEqualTo(Set.copyOf(StoredPoints.lines(demo.resolve("metertap.db"))));
        } finally {
            child.destroyForcibly();
        }
    }
}
