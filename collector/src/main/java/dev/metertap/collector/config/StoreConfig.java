package dev.metertap.collector.config;

import java.nio.file.Path;

/** {@code store:}: where the SQLite file lives. */
public record StoreConfig(Path path) {

    public static final Path DEFAULT_PATH = Path.of("metertap-data", "metertap.db");

    public StoreConfig {
        path = path == null ? DEFAULT_PATH : path;
    }
}
