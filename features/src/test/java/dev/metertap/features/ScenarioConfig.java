package dev.metertap.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metertap.yaml of one scenario, as a user would write it: the Given steps add sinks and schedules, the
 * scenario's PG&E adds its {@code pge:} section, and the collector, in-process or the shipped jar, reads the file
 * with the real configuration loader.
 */
public final class ScenarioConfig {

    private final ScenarioFolder folder;
    private final ScenarioUtility utility;
    private final List<String> sinks = new ArrayList<>();
    private Integer pgeDays;
    private String rtlamr;
    private boolean written;

    public ScenarioConfig(ScenarioFolder folder, ScenarioUtility utility) {
        this.folder = folder;
        this.utility = utility;
    }

    /** A {@code sinks:} entry, in the YAML flow style a user may write it. */
    public synchronized void sink(String entry) {
        configurable();
        sinks.add(entry);
    }

    /** PG&E is asked for the last {@code days} days at start and every morning. */
    public synchronized void pgeDaily(int days) {
        configurable();
        pgeDays = days;
    }

    /** An {@code rtlamr:} section's lines (each indented by two spaces), for meters read by radio. */
    public synchronized void rtlamr(String section) {
        configurable();
        rtlamr = section;
    }

    public Path storeFile() {
        return folder.resolve("metertap.db");
    }

    /** Writes the file, reading the EMU-2 at {@code emu2Port} when there is one; nothing can be added afterwards. */
    public synchronized Path write(Optional<String> emu2Port) {
        written = true;
        StringBuilder yaml = new StringBuilder("store: {path: " + storeFile() + "}\n");
        // the display runs in manual time: a poll on the wall clock would fall at another simulated moment on every
        // run, so the scenarios' collector polls once, as it connects
        emu2Port.ifPresent(port -> yaml.append("emu2: {port: ").append(port).append(", summation-poll: 24h, price-poll: 24h}\n"));
        yaml.append("status: {port: 0}\n");
        if (!sinks.isEmpty()) {
            yaml.append("sinks:\n");
            sinks.forEach(sink -> yaml.append("  - ").append(sink).append('\n'));
        }
        if (utility.inUse()) {
            yaml.append(utility.mocked().pgeSection());
        }
        if (rtlamr != null) {
            yaml.append("rtlamr:\n").append(rtlamr);
        }
        if (pgeDays != null) {
            yaml.append("schedule: {pge-daily-bulk-at: \"06:30\", pge-days: ").append(pgeDays).append("}\n");
        }
        try {
            return Files.writeString(folder.resolve("metertap.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configurable() {
        if (written) {
            throw new IllegalStateException("the collector is already running; configure it before it starts");
        }
    }
}
