package dev.metertap.simulator.fault;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The faults in force, at most one of each kind; thread-safe, changed at any time (by tests, the CLI, the control
 * API). A fault whose amount is 0 is off. Triggered flaws (unplug, silence, rejoin now) are actions on the simulator
 * instead.
 */
public final class Faults {

    private final Map<Class<? extends Fault>, Fault> inForce = new LinkedHashMap<>();

    /** Puts {@code fault} in force in place of any of its kind; an amount of 0 turns the kind off. */
    public synchronized Faults set(Fault fault) {
        if (fault.amount() == 0) {
            inForce.remove(fault.getClass());
        } else {
            inForce.put(fault.getClass(), fault);
        }
        return this;
    }

    /** As the user writes it: {@code set("clobber", 0.2)}; 0 turns it off. Throws, in the user's words, on bad input. */
    public Faults set(String name, double value) {
        FaultSyntax.Kind kind = FaultSyntax.kind(name);
        if (value == 0) {
            clear(kind.type());
            return this;
        }
        return set(kind.of(value));
    }

    public Faults clobber(double rate) {
        return set(new Fault.Clobber(rate));
    }

    public Faults staleTail(double rate) {
        return set(new Fault.StaleTail(rate));
    }

    public Faults dropReplies(double rate) {
        return set(new Fault.DropReplies(rate));
    }

    public Faults commandGap(Duration gap) {
        return set(new Fault.CommandGap(gap));
    }

    public Faults nulBytes(double rate) {
        return set(new Fault.NulBytes(rate));
    }

    public Faults dateCodeFf(boolean on) {
        return on ? set(new Fault.DateCodeFf()) : clear(Fault.DateCodeFf.class);
    }

    public Faults sentinels(double rate) {
        return set(new Fault.Sentinels(rate));
    }

    public Faults zeroSummations(double rate) {
        return set(new Fault.ZeroSummation(rate));
    }

    public Faults rejoins(double rate) {
        return set(new Fault.Rejoin(rate));
    }

    public Faults trickle(int bytesPerSecond) {
        return set(new Fault.Trickle(bytesPerSecond));
    }

    /** The fault of this kind in force, if any. */
    public synchronized <F extends Fault> Optional<F> get(Class<F> kind) {
        return Optional.ofNullable(kind.cast(inForce.get(kind)));
    }

    public boolean isOn(Class<? extends Fault> kind) {
        return get(kind).isPresent();
    }

    /** Whether a chance fault of this kind strikes now; draws from {@code dice} only when it is in force. */
    public boolean strikes(Class<? extends Fault.Chance> kind, SplittableRandom dice) {
        return get(kind).map(f -> f.strikes(dice)).orElse(false);
    }

    public synchronized Faults clear(Class<? extends Fault> kind) {
        inForce.remove(kind);
        return this;
    }

    public Faults clear(String name) {
        return clear(FaultSyntax.kind(name).type());
    }

    public synchronized void clear() {
        inForce.clear();
    }

    /** The faults in force, by name. */
    public synchronized List<Fault> active() {
        return inForce.values().stream().sorted(Comparator.comparing(Fault::id)).toList();
    }

    @Override
    public String toString() {
        return active().stream().map(FaultSyntax::format).collect(Collectors.joining(", ", "[", "]"));
    }
}
