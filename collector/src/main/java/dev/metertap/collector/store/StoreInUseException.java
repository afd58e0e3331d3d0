package dev.metertap.collector.store;

import java.nio.file.Path;
import java.util.Optional;

/** Another writer holds the store: its message names the holder when the lock file says who it is. */
public final class StoreInUseException extends StoreException {

    private final transient Optional<WriterLock.Holder> holder;

    StoreInUseException(Path database, Optional<WriterLock.Holder> holder) {
        super("the store " + database.toAbsolutePath() + " is in use by " + holder.map(String::valueOf).orElse("another metertap")
                + "; stop it first");
        this.holder = holder;
    }

    /** The writer that holds the store, as "process 1234 (metertap run, since 2026-12-02T15:30:00Z)". */
    public String holder() {
        return holder.map(String::valueOf).orElse("another metertap");
    }

    /** True when the holder is a running collector ({@code metertap run}), whose own schedule may do the work instead. */
    public boolean heldByCollector() {
        return holder.map(h -> h.what().equals(Store.COLLECTOR)).orElse(false);
    }
}
