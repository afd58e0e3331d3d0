package dev.metertap.collector.config;

import dev.metertap.collector.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret is: {@code {env: NAME}} or {@code {file: /path}} (trailing newline dropped). The
 * configuration file itself never holds a secret.
 */
public record SecretRef(String env, String file) {

    public SecretRef {
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException("give exactly one of 'env' or 'file'");
        }
    }

    Secret resolve(String keyPath, Map<String, String> environment) {
        if (env != null) {
            String value = environment.get(env);
            if (value == null || value.isEmpty()) {
                throw new ConfigException(keyPath + ": environment variable " + env + " is not set");
            }
            return Secret.of(value, "environment variable " + env);
        }
        try {
            String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ConfigException(keyPath + ": secret file " + file + " is empty");
            }
            return Secret.of(value, "file " + file);
        } catch (IOException e) {
            throw new ConfigException(keyPath + ": cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
