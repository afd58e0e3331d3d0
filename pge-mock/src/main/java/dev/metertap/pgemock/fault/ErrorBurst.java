package dev.metertap.pgemock.fault;

/**
 * Intermittent server errors: of every {@code every} requests that reach the mock's resources,
 * the first {@code length} are answered {@code status}. Counted, not timed: reproducible.
 */
public record ErrorBurst(int every, int length, int status) {

    public ErrorBurst {
        if (every < 1 || length < 0 || length > every) {
            throw new IllegalArgumentException("an error burst needs 0 <= length <= every, every >= 1");
        }
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("an error burst answers 5xx, not " + status);
        }
    }

    public boolean fails(long requestNumber) {
        return requestNumber % every < length;
    }
}
