package dev.metertap.collector.store;

import dev.metertap.collector.reading.LineProtocol;
import dev.metertap.collector.reading.Reading;
import org.assertj.core.api.AbstractAssert;

import java.util.HashSet;
import java.util.Set;

/** {@code assertThat(store).isIntact().holds(reading).hasPoints(4_000)}: the store in the words of its tests. */
public final class StoreAssert extends AbstractAssert<StoreAssert, Store> {

    private StoreAssert(Store store) {
        super(store, StoreAssert.class);
    }

    public static StoreAssert assertThat(Store store) {
        return new StoreAssert(store);
    }

    /** SQLite's {@code PRAGMA integrity_check} answers "ok". */
    public StoreAssert isIntact() {
        String result = actual.integrityCheck();
        if (!"ok".equals(result)) {
            failWithMessage("expected %s to pass PRAGMA integrity_check, got:%n%s", actual.path(), result);
        }
        return this;
    }

    public StoreAssert hasPoints(long expected) {
        long points = actual.stats().points();
        if (points != expected) {
            failWithMessage("expected %s to hold %,d points but it holds %,d", actual.path(), expected, points);
        }
        return this;
    }

    /** Every reading is stored with exactly its values. */
    public StoreAssert holds(Iterable<? extends Reading> readings) {
        Set<String> stored = new HashSet<>();
        actual.scan(PointQuery.everything(), point -> stored.add(LineProtocol.encode(point)));
        for (Reading reading : readings) {
            String line = LineProtocol.encode(reading.toPoint());
            if (!stored.contains(line)) {
                failWithMessage("expected %s to hold%n  %s%nbut it does not", actual.path(), line);
            }
        }
        return this;
    }

    /** The sink has acknowledged everything stored. */
    public StoreAssert hasNothingPendingFor(String sink) {
        for (StoreStats.SinkBacklog backlog : actual.stats().sinks()) {
            if (backlog.sink().equals(sink) && backlog.pending() == 0) {
                return this;
            }
        }
        failWithMessage("expected sink '%s' to have acknowledged everything in %s; backlogs: %s", sink, actual.path(), actual.stats().sinks());
        return this;
    }
}
