package dev.metertap.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh temporary directory per scenario (pty links, stores, keys), deleted when the scenario ends. */
public final class ScenarioFolder implements AutoCloseable {

    private Path root;

    public synchronized Path path() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("metertap-feature-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    public Path resolve(String name) {
        return path().resolve(name);
    }

    @Override
    public synchronized void close() throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        root = null;
    }
}
