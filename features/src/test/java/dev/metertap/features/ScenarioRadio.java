package dev.metertap.features;

import dev.metertap.simulator.rtlamr.RtlamrJournal;
import dev.metertap.simulator.rtlamr.RtlamrSimulatorCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's radio: the virtual rtlamr, started by the collector itself as its {@code rtlamr:} command (a real
 * child process), writing its ground truth to the scenario folder.
 */
public final class ScenarioRadio {

    private final ScenarioFolder folder;
    private final List<String> faults = new ArrayList<>();

    public ScenarioRadio(ScenarioFolder folder) {
        this.folder = folder;
    }

    public synchronized void fault(String fault) {
        faults.add(fault);
    }

    public Path journal() {
        return folder.resolve("radio.jsonl");
    }

    /** The command line that runs the virtual rtlamr until it has heard {@code messages}, unpaced. */
    public synchronized String command(int messages) {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), RtlamrSimulatorCommand.class.getName(), "--seed", "42",
                "--start", "2026-03-01T18:00:00Z", "--speed", "0", "--messages", Integer.toString(messages),
                "--journal", journal().toString()));
        faults.forEach(f -> words.addAll(List.of("--fault", f)));
        return String.join(" ", words);
    }

    public RtlamrJournal.Truth truth() throws IOException {
        return RtlamrJournal.read(journal());
    }
}
