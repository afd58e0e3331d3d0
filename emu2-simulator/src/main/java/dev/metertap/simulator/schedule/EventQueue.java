package dev.metertap.simulator.schedule;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Future device actions in simulated time, in time order and, at the same time, in the order they
 * were scheduled (so runs are reproducible). Not thread-safe: the device guards it.
 */
public final class EventQueue {

    /**
     * One future action.
     *
     * @param atMillis simulated epoch millis
     * @param order    tie-breaker: scheduling order
     * @param event    the periodic notification it is, or null for other actions
     * @param meter    the meter index it concerns
     * @param purpose  what it is for ({@code notification}, {@code startup}, {@code replug}…)
     * @param action   what to run
     */
    public record Task(long atMillis, long order, ScheduleEvent event, int meter, String purpose, Runnable action) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::atMillis).thenComparingLong(Task::order));
    private long scheduled;

    /** Schedules a periodic notification. */
    public Task schedule(long atMillis, ScheduleEvent event, int meter, Runnable action) {
        Task task = new Task(atMillis, scheduled++, event, meter, "notification", action);
        tasks.add(task);
        return task;
    }

    /** Schedules any other action. */
    public Task schedule(long atMillis, String purpose, Runnable action) {
        Task task = new Task(atMillis, scheduled++, null, 0, purpose, action);
        tasks.add(task);
        return task;
    }

    /** The next task if it is due at or before {@code millis}, removed; else null. */
    public Task pollDue(long millis) {
        Task next = tasks.peek();
        if (next == null || next.atMillis() > millis) {
            return null;
        }
        return tasks.poll();
    }

    public void removeIf(Predicate<Task> test) {
        tasks.removeIf(test);
    }

    /** Simulated millis of the next task, or {@link Long#MAX_VALUE}. */
    public long nextMillis() {
        Task next = tasks.peek();
        return next == null ? Long.MAX_VALUE : next.atMillis();
    }

    public int size() {
        return tasks.size();
    }
}
