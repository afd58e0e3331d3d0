package dev.metertap.collector.cli;

import picocli.CommandLine.Command;

/** {@code metertap emu2 …}: talk to a Rainforest EMU-2 (or the virtual one). */
@Command(name = "emu2",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:help shown", "2:no command, or an unknown one (listen and send are known)"},
        description = "Read from and talk to a Rainforest EMU-2 over USB serial or TCP.",
        mixinStandardHelpOptions = true,
        subcommands = {Emu2ListenCommand.class, Emu2RecordCommand.class, Emu2SendCommand.class})
final class Emu2Cli {
}
