package dev.metertap.collector.cli;

import dev.metertap.certs.cli.CertsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.TreeMap;

/** The {@code metertap} command line: one subcommand per job. */
@Command(name = "metertap",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:the command did its job", "1:the device, PG&E or a sink failed it (see each command's help)", "2:a bad option or configuration, or a file that cannot be used"},
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Collects live household electricity readings from a Rainforest EMU-2 and PG&E Share My Data.",
        footer = {"", "Examples:",
                "  metertap emu2 listen --port /dev/ttyACM0",
                "  metertap emu2 listen --port /tmp/emu2/ttyEMU2 --format text",
                "  metertap emu2 send get_device_info --port /dev/ttyACM0",
                "  metertap store stats",
                "  metertap store export --series emu2_demand --from 2026-11-01 --to 2026-12-01",
                "  metertap certs init --out ~/pge-kit --cn my-home",
                "  metertap pge import ~/Downloads/pge_interval_data.xml",
                "", "Without hardware, from a source checkout: ./metertap demo (the virtual EMU-2 and the PG&E mock).",
                "Run 'metertap help COMMAND' (or 'metertap COMMAND --help') for a command's options."},
        subcommands = {CommandLine.HelpCommand.class, Emu2Cli.class, RtlamrCli.class, RunCommand.class, StoreCommand.class, SinkCommand.class, CertsCommand.class, PgeCli.class, ReportCommand.class})
public final class MetertapCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MetertapCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors())
                // as wide as the terminal (80 columns when it cannot tell); examples are kept under 80 so none wraps
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler(MetertapCommand::explain);
        CommandLine.Model.UsageMessageSpec help = cli.getSubcommands().get("help").getCommandSpec().usageMessage();
        help.exitCodeListHeading(ExitStatus.HEADING).exitCodeList(new TreeMap<>(Map.of("0", "help shown", "2", "an unknown command")));
        return cli;
    }

    /** Bad input is the user's to fix: say what is wrong, without a stack trace. */
    private static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
            command.getErr().println("metertap: " + e.getMessage());
            return 2;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
