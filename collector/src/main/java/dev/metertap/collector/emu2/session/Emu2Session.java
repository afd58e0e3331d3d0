package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.Emu2Decoder;
import dev.metertap.collector.emu2.command.GetDeviceInfo;
import dev.metertap.collector.emu2.command.GetMeterList;
import dev.metertap.collector.emu2.frame.Fragment;
import dev.metertap.collector.emu2.transport.ByteTransport;
import dev.metertap.collector.emu2.wire.ConnectionStatus;
import dev.metertap.collector.emu2.wire.DeviceInfo;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.MacId;
import dev.metertap.collector.emu2.wire.MeterList;
import dev.metertap.collector.emu2.wire.RejectedFragmentException;
import dev.metertap.collector.reading.LinkReading;
import dev.metertap.collector.reading.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live connection to an EMU-2: reads and decodes its stream on one thread, learns which device
 * and meters it is, tracks the link, passes each new reading on once, and reconnects with capped
 * exponential backoff after an unplug, end of stream or I/O error (the transport resolves its
 * path again each time).
 */
public final class Emu2Session implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Emu2Session.class);
    private static final int RECENT_READINGS = 4096;

    private final ByteTransport transport;
    private final Emu2Options options;
    private final Emu2Listener listener;
    private final Emu2Client client;
    private final Emu2Decoder decoder;
    private final ReadingMapper mapper = new ReadingMapper();
    private final RecentReadings recent = new RecentReadings(RECENT_READINGS);
    private final LinkChanges links = new LinkChanges();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<MacId> meters = new ConcurrentSkipListSet<>((a, b) -> Long.compareUnsigned(a.value(), b.value()));
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final CompletableFuture<Void> learned = new CompletableFuture<>();
    private final Emu2Decoder.Listener dispatch = new Dispatch();
    private volatile MacId device;
    private volatile DeviceInfo deviceInfo;
    private volatile LinkState link = LinkState.UNKNOWN;
    private volatile boolean connected;
    private boolean openedByCaller;
    private Thread reader;

    public Emu2Session(ByteTransport transport, Emu2Options options, Emu2Listener listener) {
        this.transport = transport;
        this.options = options;
        this.listener = listener;
        this.client = new Emu2Client(options);
        this.decoder = new Emu2Decoder(options.maxFragmentBytes());
    }

    /** Starts reading on its own thread; connection failures are retried, never thrown. */
    public synchronized void start() {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        reader = new Thread(this::run, "emu2-reader " + transport.describe());
        reader.start();
    }

    /**
     * Opens the device on this thread, then starts as {@link #start()}: for a one-off command, a port that cannot be
     * opened now is the user's mistake to report at once rather than retry. Later losses are reconnected as usual.
     *
     * @throws IOException why the port cannot be opened
     */
    public synchronized void startConnected() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("already started");
        }
        transport.open();
        openedByCaller = true;
        start();
    }

    /** Sends commands to the device. */
    public Emu2Client client() {
        return client;
    }

    public boolean isConnected() {
        return connected;
    }

    /** The display's MAC id: from DeviceInfo, or from notifications when that reply never came. */
    public Optional<MacId> device() {
        return Optional.ofNullable(device);
    }

    public Optional<DeviceInfo> deviceInfo() {
        return Optional.ofNullable(deviceInfo);
    }

    /**
     * Completes once, after the first connection, the device has answered who it is and which meters it
     * reads, or those questions were given up (at once when {@link Emu2Options#learnDevice} is off).
     */
    public CompletableFuture<Void> learned() {
        return learned.copy();
    }

    /** Meters seen in MeterList replies and in notifications. */
    public List<MacId> meters() {
        return List.copyOf(meters);
    }

    public LinkState link() {
        return link;
    }

    /** Counters so far. Exact once the session is closed; approximate while it runs. */
    public Emu2Stats stats() {
        var framer = decoder.framerCounters();
        return new Emu2Stats(decoder.accepted(), decoder.rejectedByReason(), framer.clobbered(), framer.malformed(),
                framer.oversized(), framer.skippedBytes(), readings.get(), duplicates.get(), Math.max(0, connects.get() - 1));
    }

    private void run() {
        long backoffMillis = options.reconnectInitial().toMillis();
        String lastFailure = null;
        boolean open;
        synchronized (this) {
            open = openedByCaller;
        }
        while (stopped.getCount() > 0) {
            try {
                if (!open) {
                    transport.open();
                }
                open = false;
            } catch (IOException e) {
                if (!e.getMessage().equals(lastFailure)) {
                    log.warn("EMU-2 not reachable: {}; retrying", e.getMessage());
                    lastFailure = e.getMessage();
                }
                if (await(backoffMillis)) {
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, options.reconnectMax().toMillis());
                continue;
            }
            lastFailure = null;
            backoffMillis = options.reconnectInitial().toMillis();
            String why = readUntilDisconnected();
            if (stopped.getCount() > 0) {
                log.warn("EMU-2 at {} disconnected ({}); reconnecting", transport.describe(), why);
            }
        }
    }

    /** One connection's life: returns why it ended. */
    private String readUntilDisconnected() {
        connects.incrementAndGet();
        connected = true;
        decoder.reset();  // a new stream: nothing before it can complete a fragment
        log.info("EMU-2 connected at {}", transport.describe());
        listener.onConnected(transport.describe());
        client.connected(transport);
        if (options.learnDevice()) {
            learnDevice();
        } else {
            identified();
        }
        String why;
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                int n = transport.read(buffer);
                if (n < 0) {
                    why = "end of stream";
                    break;
                }
                if (n > 0) {
                    decoder.feed(buffer, 0, n, dispatch);
                }
                if (stopped.getCount() == 0) {
                    why = "closed";
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof RuntimeException && stopped.getCount() > 0) {
                log.error("unexpected failure reading the EMU-2", e);
            }
        }
        if (stopped.getCount() == 0) {
            why = "closed";  // close() shut the transport under the read: not the device's doing
        }
        connected = false;
        client.disconnected();
        transport.close();
        listener.onDisconnected(transport.describe(), why);
        return why;
    }

    /** Asks who the device is; when replies never come, the MACs in notifications stand in. */
    private void learnDevice() {
        CompletableFuture<?> whoItIs = client.send(new GetDeviceInfo()).whenComplete((info, failure) -> {
            if (info != null) {
                deviceInfo = info;
                device = info.device();
            } else if (stopped.getCount() > 0) {
                log.info("no DeviceInfo from the EMU-2 ({}); using the MAC ids in its notifications", failure.getMessage());
            }
        });
        CompletableFuture<?> itsMeters = client.send(new GetMeterList()).whenComplete((list, failure) -> {
            if (list != null) {
                meters.addAll(list.meters());
            } else if (stopped.getCount() > 0) {
                log.info("no MeterList from the EMU-2 ({}); using the meters in its notifications", failure.getMessage());
            }
        });
        CompletableFuture.allOf(whoItIs, itsMeters).whenComplete((done, failure) -> identified());
    }

    private void identified() {
        learned.complete(null);
        listener.onIdentified(transport.describe());
    }

    private Optional<MacId> soleMeter() {
        return meters.size() == 1 ? Optional.of(meters.iterator().next()) : Optional.empty();
    }

    private void deliver(Reading reading) {
        // link readings carry no device TimeStamp (they are timed by the device clock as last heard),
        // so a restart's status sequence can fall in one second: they go on when the link changes
        boolean isNew = reading instanceof LinkReading link ? links.changed(link) : recent.firstTime(reading.toPoint());
        if (isNew) {
            readings.incrementAndGet();
            listener.onReading(reading);
        } else {
            duplicates.incrementAndGet();
        }
    }

    /** Waits for a stop, at most {@code millis}; true when stopped. */
    private boolean await(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        transport.close();
        Thread thread;
        synchronized (this) {
            thread = reader;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
    }

    private final class Dispatch implements Emu2Decoder.Listener {
        @Override
        public void onMessage(Emu2Message message) {
            if (device == null) {
                message.deviceMacId().ifPresent(mac -> device = mac);
            }
            if (!(message instanceof MeterList)) {
                message.meterMacId().ifPresent(meters::add);
            }
            if (message instanceof ConnectionStatus status) {
                link = new LinkState(status.status(), status.linkStrength());
            }
            client.onMessage(message);
            listener.onMessage(message);
            mapper.toReading(message, soleMeter()).ifPresent(Emu2Session.this::deliver);
            mapper.pendingLink(soleMeter()).ifPresent(Emu2Session.this::deliver);
        }

        @Override
        public void onRejected(Fragment fragment, RejectedFragmentException reason) {
            log.debug("rejected {}: {}", reason.root(), reason.reason());
        }
    }
}
