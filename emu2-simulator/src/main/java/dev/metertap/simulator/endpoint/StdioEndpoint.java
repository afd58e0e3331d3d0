package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceSide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The device on standard input and output, for {@code socat} and pipes:
 * {@code socat PTY,link=/tmp/ttyEMU2,raw EXEC:"java -jar emu2-simulator.jar --stdio"}.
 */
public final class StdioEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(StdioEndpoint.class);
    private final InputStream in;
    private final Outlet outlet;
    private final DeviceSide device;
    private volatile boolean plugged = true;

    public StdioEndpoint(InputStream in, OutputStream out, DeviceSide device, WireTiming timing) {
        this.in = in;
        this.device = device;
        this.outlet = new Outlet("stdio", bytes -> {
            out.write(bytes);
            out.flush();
        }, timing);
    }

    @Override
    public void start() {
        outlet.start();
        outlet.send(device.staleTail("stdio"));
        Thread reader = new Thread(this::readCommands, "emu2-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private void readCommands() {
        CommandIntake intake = new CommandIntake(device, "stdio");
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (plugged) {
                    intake.accept(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            LOG.debug("stdin closed: {}", e.toString());
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (plugged) {
            outlet.send(bytes);
        }
    }

    @Override
    public void unplug() {
        plugged = false;
        outlet.clear();
    }

    @Override
    public void replug() {
        plugged = true;
    }

    @Override
    public boolean awaitWritten(long deadlineNanos) throws InterruptedException {
        return outlet.awaitDrained(deadlineNanos);
    }

    @Override
    public long pendingBytes() {
        return outlet.pendingBytes();
    }

    @Override
    public void close() {
        outlet.close();
    }
}
