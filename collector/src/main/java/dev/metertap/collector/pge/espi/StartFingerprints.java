package dev.metertap.collector.pge.espi;

/**
 * For one series, the fingerprint of the value last passed for each interval: enough to tell a repeat from a
 * correction in 16 bytes per reading (a 4-year 15-minute feed stays small under {@code -Xmx64m}).
 * Open addressing on primitive longs.
 */
final class StartFingerprints {

    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private long[] fingerprints;
    private int size;
    private boolean hasFreeKey;
    private long freeKeyFingerprint;

    StartFingerprints() {
        // small at first: a feed may hold thousands of series of one reading (16 KB each made 3,000 of them an OOM)
        keys = new long[16];
        fingerprints = new long[16];
        java.util.Arrays.fill(keys, FREE);
    }

    /** Stores the fingerprint; returns the one it replaced, or {@code absent} when the key is new. */
    long put(long key, long fingerprint, long absent) {
        if (key == FREE) {
            long previous = hasFreeKey ? freeKeyFingerprint : absent;
            hasFreeKey = true;
            freeKeyFingerprint = fingerprint;
            return previous;
        }
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (keys[slot] != FREE) {
            if (keys[slot] == key) {
                long previous = fingerprints[slot];
                fingerprints[slot] = fingerprint;
                return previous;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        fingerprints[slot] = fingerprint;
        if (++size * 10 > keys.length * 7L) { // linear probing stays short up to 70 % full
            grow();
        }
        return absent;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldFingerprints = fingerprints;
        keys = new long[oldKeys.length * 2];
        fingerprints = new long[oldKeys.length * 2];
        java.util.Arrays.fill(keys, FREE);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = mix(oldKeys[i]) & mask;
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                fingerprints[slot] = oldFingerprints[i];
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
