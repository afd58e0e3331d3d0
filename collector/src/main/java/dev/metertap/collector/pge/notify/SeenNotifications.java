package dev.metertap.collector.pge.notify;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers correlationIDs so a repeated notification is followed once. */
public interface SeenNotifications {

    /** True the first time {@code correlationId} is offered, false ever after. */
    boolean firstTime(String correlationId);

    /** Forgets everything when the process ends: for tests and {@code metertap pge listen} without a store. */
    static SeenNotifications inMemory() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return seen::add;
    }
}
