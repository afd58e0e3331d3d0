package dev.metertap.pgemock.espi;

import java.util.List;

/** Everything one usage point publishes for one local day: one IntervalBlock per flow. */
record DayReadings(UsagePointSpec point, LocalDay day, List<TrueInterval> delivered, List<TrueInterval> received) {

    List<TrueInterval> of(Flow flow) {
        return flow == Flow.DELIVERED ? delivered : received;
    }
}
