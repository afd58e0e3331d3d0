package dev.metertap.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where one demo run keeps its files in its directory, and the metertap.yaml it writes there, as a user would
 * write it for this collector.
 */
record DemoFiles(Path dir) {

    /** SQLite's companions: a run that starts afresh removes them too, or the old WAL would come back. */
    private static final List<String> STORE_COMPANIONS = List.of("-wal", "-shm", "-journal", ".lock");

    Path store() {
        return dir.resolve("metertap.db");
    }

    Path config() {
        return dir.resolve("metertap.yaml");
    }

    /** What the demo's {@code stdout} sink writes: the line protocol Telegraf's execd input would read. */
    Path points() {
        return dir.resolve("points.lp");
    }

    /** The virtual EMU-2's serial port: a link to its pseudo-terminal while the demo runs. */
    Path port() {
        return dir.resolve("ttyEMU2");
    }

    /** The notification receiver's certificate and PG&E's client kit. */
    Path pge() {
        return dir.resolve("pge");
    }

    Path pgeKit() {
        return pge().resolve("pge-kit");
    }

    /** Removes the store of an earlier run, so that this one shows only its own readings. */
    void removeStore() {
        try {
            Files.deleteIfExists(store());
            for (String companion : STORE_COMPANIONS) {
                Files.deleteIfExists(dir.resolve(store().getFileName() + companion));
            }
            Files.deleteIfExists(points());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier demo's store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes metertap.yaml: the store, the EMU-2 at {@code port}, one {@code stdout} sink (the demo points its
     * standard output at {@link #points()}), and PG&E's section.
     */
    Path writeConfig(String port, String pgeSection) {
        String yaml = """
                # written by 'metertap demo': the collector reads it with the same loader as 'metertap run'
                store: {path: %s}
                emu2: {port: %s}
                sinks:
                  # line protocol for Telegraf's execd input; the demo sends this sink's output to %s
                  - {name: telegraf, type: stdout}
                %s""".formatted(quoted(store().toString()), quoted(port), points(),
                pgeSection);
        try {
            return Files.writeString(config(), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config() + ": " + e.getMessage(), e);
        }
    }

    /** A YAML double-quoted scalar: a directory may have spaces, colons or quotes in its name. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
