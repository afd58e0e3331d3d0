package dev.metertap.collector.cli;

/** The heading of each command's exit status section in its help. */
final class ExitStatus {

    static final String HEADING = "%nExit status:%n";

    private ExitStatus() {
    }
}
