package dev.metertap.collector.store;

import dev.metertap.collector.reading.Reading;

import java.util.function.Consumer;

/** Writes readings to a sink and may fail part-way (a file being parsed): see {@link Store#appendAllOrNothing}. */
@FunctionalInterface
public interface ReadingSource<E extends Exception> {

    void writeTo(Consumer<Reading> sink) throws E;
}
