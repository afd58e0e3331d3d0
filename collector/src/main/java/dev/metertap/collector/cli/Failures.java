package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigException;
import dev.metertap.collector.store.StoreException;
import picocli.CommandLine;

import java.util.function.IntSupplier;

/** A bad configuration or an unusable store file is the user's to fix: one clear line, exit 2, no stack trace. */
final class Failures {

    private Failures() {
    }

    static int explained(CommandLine.Model.CommandSpec spec, IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (ConfigException | StoreException e) {
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }
}
