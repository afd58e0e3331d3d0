package dev.metertap.collector.config;

import dev.metertap.collector.sink.Backoff;
import dev.metertap.collector.sink.Batching;
import dev.metertap.collector.sink.StdoutSink;
import dev.metertap.collector.sink.Sink;

import java.io.PrintStream;
import java.util.Map;

/** {@code type: stdout}: line protocol on standard output (Telegraf {@code execd}). */
public record StdoutSinkConfig(String name, Batching batching, Backoff backoff) implements SinkConfig {

    public StdoutSinkConfig {
        SinkConfig.requireName(name);
    }

    @Override
    public Sink open(String keyPath, Map<String, String> environment, PrintStream stdout) {
        return new StdoutSink(name, stdout);
    }
}
