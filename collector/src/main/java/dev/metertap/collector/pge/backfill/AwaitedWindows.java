package dev.metertap.collector.pge.backfill;

import dev.metertap.collector.pge.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows asked for whose answers are still awaited, in the order asked, and which of them each fetched resource
 * answers. Several are awaited at once, and a notification names no window, only a correlationID: the resource's data
 * decides. Each usage point's data counts for the window it could answer ({@link WindowCoverage#couldAnswer}) and,
 * when two could (an answer starts up to a local day before its window, inside the previous one), for the one its
 * intervals fill most: an answer spans its window, while at most a local day of it lies in a neighbour (windows are
 * at least {@link Backfill#MIN_WINDOW} long and never overlap).
 */
final class AwaitedWindows {

    /** A window asked for: {@code attempt} counts its requests, {@code askedAt} is {@link System#nanoTime()}. */
    record Awaited(TimeWindow window, int attempt, long askedAt, WindowCoverage coverage) {
    }

    private final List<String> usagePoints;
    private final List<Awaited> awaited = new ArrayList<>();

    AwaitedWindows(List<String> usagePoints) {
        this.usagePoints = List.copyOf(usagePoints);
    }

    void add(TimeWindow window, int attempt, long askedAt) {
        awaited.add(new Awaited(window, attempt, askedAt, new WindowCoverage(window, usagePoints)));
    }

    void remove(Awaited window) {
        awaited.remove(window);
    }

    int size() {
        return awaited.size();
    }

    boolean isEmpty() {
        return awaited.isEmpty();
    }

    List<Awaited> all() {
        return List.copyOf(awaited);
    }

    /** When the window asked for first was asked for. */
    long firstAskedAt() {
        return awaited.stream().mapToLong(Awaited::askedAt).min().orElseThrow();
    }

    /**
     * Counts a fetched resource for the windows it answers and returns them, in the order asked (none: a late answer
     * to a window finished already, or to none asked for in this run; its data is stored all the same).
     */
    List<Awaited> credit(ResourceTally resource) {
        if (awaited.isEmpty()) {
            return List.of();
        }
        if (resource.readings() == 0) {
            // an empty resource names no window: it counts for the one asked for first, whose answer is due first
            Awaited first = awaited.get(0);
            first.coverage().addEmpty();
            return List.of(first);
        }
        List<Awaited> credited = new ArrayList<>();
        for (String usagePoint : resource.usagePoints()) {
            Instant earliest = resource.earliest(usagePoint);
            Instant end = resource.latestEnd(usagePoint);
            Awaited best = null;
            Duration bestOverlap = Duration.ZERO;
            for (Awaited candidate : awaited) {
                if (!candidate.coverage().couldAnswer(earliest)) {
                    continue;
                }
                Duration overlap = candidate.coverage().overlap(earliest, end);
                if (best == null || overlap.compareTo(bestOverlap) > 0) {
                    best = candidate;
                    bestOverlap = overlap;
                }
            }
            if (best != null) {
                best.coverage().cover(usagePoint);
                if (!credited.contains(best)) {
                    credited.add(best);
                }
            }
        }
        credited.sort((a, b) -> Integer.compare(awaited.indexOf(a), awaited.indexOf(b)));
        return credited;
    }
}
