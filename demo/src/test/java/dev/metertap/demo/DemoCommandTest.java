package dev.metertap.demo;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad option is one line in the user's words and exit status 2, before the demo touches anything. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--speed 0          | --speed",
            "--speed -5         | --speed",
            "--speed NaN        | --speed",
            "--speed Infinity   | --speed",
            "--speed fast       | --speed",
            "--duration 30s     | --duration",
            "--duration 31d     | --duration",
            "--duration 2x      | --duration",
            "--duration         | --duration",
            "--backfill-days 0  | --backfill-days",
            "--seed one         | --seed",
            "--bogus            | --bogus",
            "leftover           | leftover"})
    void badOptionIsOneLineAndExitStatusTwo(String options, String named) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path never = dir.resolve("never");
        List<String> args = new ArrayList<>(Arrays.asList(options.split(" ")));
        args.addAll(List.of("--dir", never.toString()));

        int status = DemoCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));

        assertThat(status).as("exit status; stderr: %s", err).isEqualTo(2);
        assertThat(err.toString().lines().toList()).as("stderr").singleElement().asString()
                .startsWith("metertap demo: ").contains(named).doesNotContain("Exception", "\tat ", "picocli");
        assertThat(out.toString()).as("stdout").isEmpty();
        assertThat(never).as("nothing made").doesNotExist();
    }
}
