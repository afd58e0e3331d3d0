package dev.metertap.collector.pge;

import dev.metertap.pgemock.CollectorKit;
import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import dev.metertap.pgemock.espi.UsageModel;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * PG&E as pge-mock plays it, for a collector on this machine configured the way a user configures PG&E: the
 * {@code pge:} section of metertap.yaml names the mock's client kit and a notification receiver the mock posts
 * to. Configured first, started on first use, closed after. The mock's model and journal are the ground truth.
 */
public final class MockedUtility implements AutoCloseable {

    /** Far quicker than PG&E's one request per second: the mock does not need the pace. */
    public static final Duration PACE = Duration.ofMillis(50);

    private final Path directory;
    private PgeMockOptions options = PgeMockOptions.defaults().notificationDelay(Duration.ZERO);
    private Duration pace = PACE;
    private CollectorKit kit;
    private PgeMock pge;
    private String pgeSection;

    public MockedUtility(Path directory) {
        this.directory = directory;
    }

    public MockedUtility model(UsageModel model) {
        options = configurable().model(model);
        return this;
    }

    public MockedUtility tokenLifetime(Duration lifetime) {
        options = configurable().tokenLifetime(lifetime);
        return this;
    }

    /** PG&E's own clock: move it to expire the tokens it issued without the collector noticing. */
    public MockedUtility clock(Clock clock) {
        options = configurable().clock(clock);
        return this;
    }

    /** How far apart the collector paces its requests ({@code pge.min-request-interval}). */
    public MockedUtility pace(Duration interval) {
        configurable();
        pace = interval;
        return this;
    }

    public synchronized PgeMock started() {
        if (pge == null) {
            kit = CollectorKit.prepare(directory);
            pge = new PgeMock(kit.notifying(options)).start();
        }
        return pge;
    }

    /** The {@code pge:} section of metertap.yaml for the mock, its client kit written on first use. */
    public synchronized String pgeSection() {
        if (pgeSection == null) {
            pgeSection = kit().pgeSection(started(), pace);
        }
        return pgeSection;
    }

    /** The port PG&E's notifications go to: the collector's receiver listens there. */
    public int receiverPort() {
        return kit().receiverPort();
    }

    private synchronized CollectorKit kit() {
        started();
        return kit;
    }

    private PgeMockOptions configurable() {
        if (pge != null) {
            throw new IllegalStateException("PG&E is already running; configure it first");
        }
        return options;
    }

    @Override
    public synchronized void close() {
        if (pge != null) {
            pge.close();
            pge = null;
        }
    }
}
