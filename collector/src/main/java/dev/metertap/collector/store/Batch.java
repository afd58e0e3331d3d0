package dev.metertap.collector.store;

/**
 * Points read from the store in outbox order, as line protocol: {@code body} holds {@code size}
 * lines, each ending in a newline. {@code lastSeq} is what the sink's cursor becomes once a sink
 * has acknowledged the batch.
 */
public record Batch(String body, int size, long firstSeq, long lastSeq) {

    public boolean isEmpty() {
        return size == 0;
    }
}
