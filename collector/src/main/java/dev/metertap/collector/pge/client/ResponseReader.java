package dev.metertap.collector.pge.client;

import java.io.IOException;
import java.io.InputStream;

/** Reads a successful answer's body while it streams in; the client closes the stream afterwards. */
@FunctionalInterface
public interface ResponseReader<T> {
    T read(InputStream body) throws IOException;
}
