package dev.metertap.collector.sink;

import dev.metertap.collector.store.Batch;

import java.io.PrintStream;

/**
 * Line protocol on standard output, one point per line: for Telegraf's {@code execd} input or a
 * pipe. This is the CLI's intended output, so it writes to the stream it is given, not a logger.
 */
public final class StdoutSink implements Sink {

    private final String name;
    private final PrintStream out;

    public StdoutSink(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Batch batch) throws SinkException {
        out.print(batch.body());
        out.flush();
        if (out.checkError()) {
            // a closed pipe stays closed: retrying would spin
            throw new SinkException("standard output is closed or failing", false);
        }
    }
}
