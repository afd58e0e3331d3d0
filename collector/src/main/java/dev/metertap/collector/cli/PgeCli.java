package dev.metertap.collector.cli;

import picocli.CommandLine.Command;

/** {@code metertap pge …}: PG&E Share My Data. */
@Command(name = "pge",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:help shown", "2:no command, or an unknown one"},
        description = {"PG&E Share My Data: check the connection, fetch history into the store (backfill), "
                + "import saved Green Button files (ESPI XML, Download My Data CSV), get a token, receive notifications.",
                "The connection comes from the 'pge:' section of the configuration (client-id, client-secret as {env: …} or "
                + "{file: …}, certificate + key or pkcs12); secrets are never taken from the command line."},
        mixinStandardHelpOptions = true,
        footer = {"", "Examples:",
                "  metertap pge check",
                "  metertap pge token --show",
                "  metertap pge listen --for 10m"},
        subcommands = {PgeImportCommand.class, PgeCheckCommand.class, PgeTokenCommand.class, PgeListenCommand.class,
                PgeBackfillCommand.class})
final class PgeCli {
}
