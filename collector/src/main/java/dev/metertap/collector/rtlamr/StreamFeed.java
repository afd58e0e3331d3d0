package dev.metertap.collector.rtlamr;

import java.io.InputStream;

/** A stream opened once, such as standard input: {@code rtlamr -format=json | metertap rtlamr listen}. */
public final class StreamFeed implements RtlamrFeed {

    private final InputStream in;
    private final String name;

    public StreamFeed(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public Connection open() {
        return new Connection() {
            @Override
            public InputStream lines() {
                return in;
            }

            @Override
            public String whyEnded() {
                return "end of input";
            }

            @Override
            public void close() {
                // standard input is not ours to close
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    @Override
    public boolean restartable() {
        return false;
    }

    @Override
    public String describe() {
        return name;
    }
}
