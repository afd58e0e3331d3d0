package dev.metertap.simulator.device;

import dev.metertap.simulator.command.ReceivedCommand;
import dev.metertap.simulator.fault.Fault;
import dev.metertap.simulator.fault.Faults;
import dev.metertap.simulator.journal.CommandEntry;
import dev.metertap.simulator.journal.Journal;
import dev.metertap.simulator.schedule.SimulatedClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where a host's commands arrive: not heard while the device is quiet, ignored when too close to the previous one
 * (fault command-gap), answered by {@link CommandAnswers}, the reply lost (fault drop-replies) or written; each
 * journalled with its outcome. Called under the device's lock.
 */
final class CommandDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDesk.class);

    private final SimulatedClock clock;
    private final Journal journal;
    private final Faults faults;
    private final DeviceWire wire;
    private final CommandAnswers answers;
    private long lastCommandMillis = Long.MIN_VALUE;

    CommandDesk(SimulatedClock clock, Journal journal, Faults faults, DeviceWire wire, CommandAnswers answers) {
        this.clock = clock;
        this.journal = journal;
        this.faults = faults;
        this.wire = wire;
        this.answers = answers;
    }

    /** A command from a host, answered at once in simulated time. */
    void receive(ReceivedCommand command, String origin) {
        long millis = clock.millis();
        long previous = lastCommandMillis;
        lastCommandMillis = millis;
        if (wire.quiet()) {
            journal(command, origin, CommandEntry.Outcome.IGNORED_SILENT, 0);
            return;
        }
        // on the device's own clock: the fault is about the device's pace, whatever the simulation's speed
        if (faults.get(Fault.CommandGap.class).map(gap -> gap.tooSoon(previous, millis)).orElse(false)) {
            journal(command, origin, CommandEntry.Outcome.IGNORED_TOO_CLOSE, 0);
            return;
        }
        CommandAnswers.Answer answer;
        try {
            answer = answers.answer(command);
        } catch (RuntimeException e) {
            LOG.warn("command {} could not be handled: {}", command, e.toString());
            answer = new CommandAnswers.Answer(CommandEntry.Outcome.INVALID, List.of());
        }
        if (!answer.replies().isEmpty() && wire.roll(Fault.DropReplies.class)) {
            journal(command, origin, CommandEntry.Outcome.REPLY_DROPPED, 0);
            return;
        }
        journal(command, origin, answer.outcome(), answer.replies().size());
        for (Notification reply : answer.replies()) {
            wire.emit(reply, DeviceWire.REPLY + (command.name().isEmpty() ? "?" : command.name()));
        }
    }

    private void journal(ReceivedCommand c, String origin, CommandEntry.Outcome outcome, int replies) {
        journal.append(new CommandEntry(journal.nextSequence(), clock.instant(), c.name(), c.params(), origin, outcome, replies));
    }
}
