package dev.metertap.features;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A hung scenario fails with its name instead of eating CI's time: past the deadline, the thread running its steps
 * is interrupted, so the step waiting on the collector, the display or a child process throws. Cucumber has no
 * timeout of its own, and JUnit's default timeout covers only Jupiter tests.
 */
public final class ScenarioDeadline {

    /** Generous: the longest scenario takes about 40 s on a loaded 2-core machine. */
    static final Duration DEADLINE = Duration.ofMinutes(5);

    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scenario-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private ScheduledFuture<?> alarm;

    @Before(order = 0)
    public void arm(Scenario scenario) {
        Thread steps = Thread.currentThread();
        alarm = WATCH.schedule(() -> {
            System.err.printf("scenario '%s' ran past %s: interrupting it%n", scenario.getName(), DEADLINE);
            steps.interrupt();
        }, DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs last of the After hooks (Cucumber runs them in descending order), after the teardown. */
    @After(order = 0)
    public void disarm() {
        alarm.cancel(false);
        Thread.interrupted(); // an alarm that fired during teardown must not reach the next scenario
    }
}
