package dev.metertap.collector.cli;

import picocli.CommandLine.Command;

/** {@code metertap rtlamr …}: meters read by radio, through rtlamr. */
@Command(name = "rtlamr",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:help shown", "2:no command, or an unknown one (listen is known)"},
        description = "Read utility meters' radio broadcasts (Itron ERT SCM, SCM+, IDM, NetIDM; Neptune R900) "
                + "decoded by rtlamr from an RTL-SDR dongle.",
        mixinStandardHelpOptions = true,
        subcommands = {RtlamrListenCommand.class})
final class RtlamrCli {
}
