package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** All of the device's endpoints as one output: the same bytes to each. */
public final class Ports implements DeviceOutput, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    public void add(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    @Override
    public void write(byte[] bytes) {
        for (Endpoint e : endpoints) {
            e.send(bytes);
        }
    }

    @Override
    public void unplug() {
        endpoints.forEach(Endpoint::unplug);
    }

    @Override
    public void replug() {
        for (Endpoint e : endpoints) {
            try {
                e.replug();
            } catch (RuntimeException ex) {
                LOG.error("replug failed for {}", e, ex);
            }
        }
    }

    @Override
    public long pendingBytes() {
        long sum = 0;
        for (Endpoint e : endpoints) {
            sum += e.pendingBytes();
        }
        return sum;
    }

    /** Waits until every endpoint has handed the bytes queued so far to the operating system. */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Endpoint e : endpoints) {
            if (!e.awaitWritten(deadline)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (Endpoint e : endpoints) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.warn("closing {} failed: {}", e, ex.toString());
            }
        }
    }
}
