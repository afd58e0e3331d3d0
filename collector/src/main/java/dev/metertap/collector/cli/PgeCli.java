package dev.metertap.collector.cli;

import picocli.CommandLine.Command;

/** {@code metertap pge …}: PG&E Share My Data. */
@Command(name = "pge",
        description = "PG&E Share My Data: import saved Green Button (ESPI) files.",
        mixinStandardHelpOptions = true,
        subcommands = {PgeImportCommand.class})
final class PgeCli {
}
