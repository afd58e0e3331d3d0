package dev.metertap.collector.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help, as a user reads it at 80 columns. */
class HelpTest {

    /** Paths a help text may point at: repository files (a README, docs) or files relative to one. */
    private static final Pattern FILE_REFERENCE = Pattern.compile("(?:\\.\\./|\\b)[\\w./-]*\\w\\.md\\b|\\.\\./[\\w./-]+");

    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(MetertapCommand.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyCommandStatesItsExitCodes() {
        List<CommandLine> commands = everyCommand();
        assertThat(commands).hasSizeGreaterThan(15);
        for (CommandLine command : commands) {
            String usage = command.getUsageMessage();
            assertThat(usage).as(command.getCommandSpec().qualifiedName()).contains("Exit status:").containsPattern("(?m)^  0 ")
                    .containsPattern("(?m)^  2 ");
        }
    }

    @Test
    void examplesAreNeverWrapped() {
        List<String> wrapped = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            List<String> shown = command.getUsageMessage().lines().toList();  // no terminal here: 80 columns
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                String example = String.format(line).stripTrailing();
                // indented footer lines are commands to copy; prose may wrap between words
                if (example.startsWith("  ") && !shown.contains(example)) {
                    wrapped.add(command.getCommandSpec().qualifiedName() + ": " + example + " (" + example.length() + ")");
                }
            }
        }
        assertThat(wrapped).isEmpty();
    }

    @Test
    void helpPointsOnlyAtFilesInTheRepository() {
        Path repository = Path.of("").toAbsolutePath().getParent();  // tests run in collector/
        assertThat(repository.resolve("README.md")).exists();
        for (CommandLine command : everyCommand()) {
            Matcher reference = FILE_REFERENCE.matcher(command.getUsageMessage().replaceAll("\\s+", " "));
            while (reference.find()) {
                String file = reference.group().replaceFirst("^(\\.\\./)+", "");
                assertThat(repository.resolve(file)).as("%s points at %s", command.getCommandSpec().qualifiedName(), reference.group())
                        .exists();
            }
        }
    }

    @Test
    void versionNamesTheProjectVersionAndTheCommit() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = MetertapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString().strip()).isEqualTo("metertap " + projectVersion() + " (commit " + gitCommit() + ")");
    }

    /** The oracle for the version: the parent pom, read as text. */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("pom.xml"));
        Matcher version = Pattern.compile("<artifactId>metertap-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    /** The oracle for the commit: git itself, as the build asked it ("unknown" outside a checkout). */
    private static String gitCommit() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(false).start();
        String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return git.exitValue() == 0 ? commit : "unknown";
    }
}
