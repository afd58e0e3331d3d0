package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import dev.metertap.collector.store.Store;
import dev.metertap.collector.store.StoreException;
import dev.metertap.collector.store.StoreInUseException;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/** {@code --config} and {@code --store}, shared by the store and sink commands. */
final class StoreOptions {

    static final Path DEFAULT_CONFIG = Path.of("metertap.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration. Default: ./metertap.yaml when it exists, else built-in defaults.")
    Path config;

    @Option(names = "--store", paramLabel = "PATH",
            description = "The store's SQLite file; overrides store.path of the configuration (default ./metertap-data/metertap.db).")
    Path store;

    MetertapConfig loadConfig() {
        ConfigLoader loader = new ConfigLoader(System.getenv());
        if (config != null) {
            return loader.load(config);
        }
        return Files.exists(DEFAULT_CONFIG) ? loader.load(DEFAULT_CONFIG) : MetertapConfig.DEFAULTS;
    }

    /** The store file to use; an existing one is required (these commands never create an empty store by mistake). */
    Path storePath(MetertapConfig loaded) {
        Path path = store != null ? store : loaded.store().path();
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no store at " + path.toAbsolutePath() + " (give --store PATH or store.path in the configuration)");
        }
        return path;
    }

    /**
     * Opens the store for a one-off writer ({@code what}: "metertap pge import"). When a running collector holds it,
     * the one line says what to do instead ({@code whileCollecting}) rather than only "stop it first".
     */
    Store openForWriting(Path path, String what, String whileCollecting) {
        try {
            return Store.open(path, what);
        } catch (StoreInUseException e) {
            if (!e.heldByCollector()) {
                throw e;
            }
            throw new StoreException("the store " + path.toAbsolutePath() + " is in use by " + e.holder()
                    + ", a running collector; " + whileCollecting, e);
        }
    }

    /** {@code 2026-11-23} (midnight UTC) or an instant {@code 2026-11-23T08:00:00Z}. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date (2026-11-23) or an instant (2026-11-23T08:00:00Z)");
            }
        }
    }
}
