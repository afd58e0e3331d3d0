package dev.metertap.collector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code metertap} command line: one subcommand per job. */
@Command(name = "metertap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Collects live household electricity readings from a Rainforest EMU-2 and PG&E Share My Data.",
        subcommands = {CommandLine.HelpCommand.class, Emu2Cli.class})
public final class MetertapCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new MetertapCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
