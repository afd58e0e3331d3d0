package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.config.MetertapConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code -c/--config} alone, for commands that need no store (the PG&E connection commands). Secrets come from env or files. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration with a 'pge:' section. Default: metertap.yaml in the current directory.")
    Path config;

    ConfigLoader loader() {
        return new ConfigLoader(System.getenv());
    }

    MetertapConfig load(ConfigLoader loader) {
        if (config != null) {
            return loader.load(config);
        }
        return Files.exists(StoreOptions.DEFAULT_CONFIG) ? loader.load(StoreOptions.DEFAULT_CONFIG) : MetertapConfig.DEFAULTS;
    }
}
