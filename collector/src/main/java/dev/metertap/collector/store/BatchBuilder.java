package dev.metertap.collector.store;

/** Collects lines into a {@link Batch} bounded by a number of points and of characters. */
final class BatchBuilder {

    private final int maxPoints;
    private final int maxBytes;
    private final StringBuilder body = new StringBuilder();
    private int size;
    private long firstSeq;
    private long lastSeq;

    BatchBuilder(int maxPoints, int maxBytes) {
        if (maxPoints < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("batch bounds must be positive: " + maxPoints + " points, " + maxBytes + " bytes");
        }
        this.maxPoints = maxPoints;
        this.maxBytes = maxBytes;
    }

    /** Whether {@code line} may join this batch; an empty batch takes any line, however long. */
    boolean fits(String line) {
        return size == 0 || (size < maxPoints && body.length() + line.length() + 1 <= maxBytes);
    }

    void add(long seq, String line) {
        if (size == 0) {
            firstSeq = seq;
        }
        body.append(line).append('\n');
        lastSeq = seq;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean isFull() {
        return size >= maxPoints || body.length() >= maxBytes;
    }

    Batch drain() {
        Batch batch = new Batch(body.toString(), size, firstSeq, lastSeq);
        body.setLength(0);
        size = 0;
        return batch;
    }
}
