package dev.metertap.simulator.cli;

import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.Emu2SimulatorBuilder;
import dev.metertap.simulator.control.ControlServer;
import dev.metertap.simulator.device.MeterInfoForm;
import dev.metertap.simulator.device.MeterSpec;
import dev.metertap.simulator.fault.FaultSyntax;
import dev.metertap.simulator.replay.Capture;
import dev.metertap.simulator.replay.CaptureReplay;
import dev.metertap.simulator.schedule.ScheduleEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar emu2-simulator.jar}: a virtual EMU-2 on a pseudo-terminal, TCP or stdio. */
@Command(name = "emu2-simulator", mixinStandardHelpOptions = true, version = "emu2-simulator 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "A virtual Rainforest EMU-2 energy monitor: the device's exact bytes, its replies to commands, its flaws on demand,",
                "and a ground-truth journal. Point any EMU-2 software at the serial path it prints (or at the TCP port).", ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  java -jar emu2-simulator.jar",
                "      serial port at /tmp/emu2/ttyEMU2, real time; try: socat -,raw,echo=0 /tmp/emu2/ttyEMU2",
                "  java -jar emu2-simulator.jar --link /tmp/emu2/ttyEMU2 --tcp 4001 --control-port 8089",
                "      also a ser2net-style TCP stream on :4001 and the control API (curl localhost:8089/status)",
                "  java -jar emu2-simulator.jar --seed 42 --speed 3600 --fault clobber=0.2 --fault stale-tail=1 --journal run.jsonl",
                "      one simulated hour per second, 20%% of writes clobbered, ground truth in run.jsonl",
                "  java -jar emu2-simulator.jar --solar 6000 --meter 0x001c640000abcdef:3",
                "      rooftop solar (negative demand at midday) and an Itron-style meter with Multiplier 3",
                "  socat PTY,link=/tmp/ttyEMU2,raw,echo=0 EXEC:'java -jar emu2-simulator.jar --stdio --no-pty'",
                "      the device on stdin/stdout, behind a pty that socat makes",
                "  ./metertap emu2 listen --port /tmp/emu2/ttyEMU2",
                "      the metertap collector reading the simulator",
                "",
                "Faults (--fault NAME=VALUE, or POST /faults/NAME?value=VALUE on the control API):",
                "  clobber=RATE       the next scheduled fragment cuts a write off mid-byte, no newline",
                "  stale-tail=RATE    a host attaching (pty: flushing at open) first reads the tail of an old fragment",
                "  drop-replies=RATE  command replies go missing",
                "  command-gap=SECS   commands closer together than this are ignored",
                "  nul-bytes=RATE     1-8 NUL bytes before a fragment",
                "  datecode-ff=1      DeviceInfo DateCode is sixteen 0xFF bytes",
                "  sentinels=RATE     TimeStamp is the no-value sentinel 0xffffffff",
                "  zero-summation=RATE  a summation reads 0 delivered and 0 received (the registers carry on)",
                "  rejoin=RATE        per demand reading, a 1-5 minute rejoin episode (Rejoining, LinkStrength 0x00)",
                "  trickle=BYTES/S    writes trickle out in small pieces",
                "Triggered flaws: --unplug-after/--unplug-for, or POST /unplug?seconds=S, /silence?seconds=S, /rejoin?seconds=S."})
public final class SimulatorCommand implements Callable<Integer> {

    /**
     * Journal entries kept in memory for the control API: some 10,000 fragments (about a day of real
     * time, 8 to 10 MB of heap); the --journal file, the sequences and the wire hash keep all. It was
     * 100,000 (75 to 90 MB), which a 64 MB heap did not survive.
     */
    static final int JOURNAL_IN_MEMORY = 10_000;

    @Option(names = "--link", paramLabel = "PATH", description = "symlink to the serial port (default: ${DEFAULT-VALUE})")
    Path link = Path.of("/tmp/emu2/ttyEMU2");

    @Option(names = "--no-pty", description = "no pseudo-terminal (use with --tcp or --stdio)")
    boolean noPty;

    @Option(names = "--tcp", paramLabel = "[HOST:]PORT", description = "also serve the stream over raw TCP, like ser2net (HOST default 127.0.0.1; 0.0.0.0 for all)")
    String tcp;

    @Option(names = "--stdio", description = "also speak on stdin/stdout (status then goes to stderr)")
    boolean stdio;

    @Option(names = "--seed", paramLabel = "N", description = "random seed; same seed and same inputs give the same bytes (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--speed", paramLabel = "N", description = "simulated seconds per wall-clock second (default: ${DEFAULT-VALUE})")
    double speed = 1;

    @Option(names = "--start", paramLabel = "INSTANT", description = "simulated time at power-on, e.g. 2024-06-01T12:00:00Z (default: now)")
    Instant start;

    @Option(names = "--uptime", paramLabel = "SECONDS", description = "the device has been running this long at --start: no start-up burst (default: 0, it powers on)")
    long uptimeSeconds;

    @Option(names = "--write-rate", paramLabel = "BYTES/S", description = "bytes per simulated second the device writes, in 64-byte USB packets (default: ${DEFAULT-VALUE})")
    int writeRate = Emu2Simulator.DEFAULT_WRITE_RATE;

    @Option(names = "--whole-writes", description = "each fragment in one write instead of 64-byte USB packets")
    boolean wholeWrites;

    @Option(names = "--meter-info", paramLabel = "FORM", description = "how MeterInfo is written: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: <MeterType>0x0000</MeterType>)")
    MeterInfoForm meterInfoForm = MeterInfoForm.NUMBER;

    @Option(names = "--zone", paramLabel = "ZONE", description = "the house's time zone (default: ${DEFAULT-VALUE})")
    ZoneId zone = ZoneId.of("America/Los_Angeles");

    @Option(names = "--solar", paramLabel = "WATTS", description = "rooftop solar peak; demand goes negative around midday (default: none)")
    int solar;

    @Option(names = "--meter", paramLabel = "MAC[:MULTIPLIER]", description = "a meter (repeatable), e.g. 0x00135003004f5a6b or 0x001c640000abcdef:3 (default: one meter)")
    List<String> meters = new ArrayList<>();

    @Option(names = "--demand-every", paramLabel = "MIN-MAX", description = "seconds between demand notifications (default: 8-11)")
    String demandEvery = "8-11";

    @Option(names = "--period", paramLabel = "EVENT=SECONDS", description = "period of time, price, summation or message notifications (repeatable)")
    Map<String, Long> periods = new LinkedHashMap<>();

    @Option(names = "--fault", paramLabel = "NAME=VALUE", description = "a fault (repeatable); see the list below")
    Map<String, Double> faults = new LinkedHashMap<>();

    @Option(names = "--unplug-after", paramLabel = "SECONDS", description = "pull the cable after this many simulated seconds")
    Long unplugAfter;

    @Option(names = "--unplug-for", paramLabel = "SECONDS", description = "how long the cable stays out (default: ${DEFAULT-VALUE})")
    long unplugFor = 30;

    @Option(names = "--journal", paramLabel = "FILE", description = "write the ground-truth journal as JSON lines")
    Path journal;

    @Option(names = "--control-port", paramLabel = "PORT", description = "serve the HTTP control API on 127.0.0.1:PORT")
    Integer controlPort;

    @Option(names = "--list-faults", description = "list the faults and exit")
    boolean listFaults;

    @Option(names = "--replay", paramLabel = "FILE", description = "play back a capture of a real device "
            + "(metertap emu2 record) over the pty and/or --tcp, from the host's first command, --speed times as fast")
    Path replay;

    @Override
    public Integer call() throws Exception {
        PrintStream status = stdio ? System.err : System.out;
        if (listFaults) {
            for (FaultSyntax.Kind f : FaultSyntax.kinds()) {
                status.printf("%-14s %s%n", f.id(), f.description());
            }
            return 0;
        }
        if (replay != null) {
            return replay(status);
        }
        Emu2Simulator sim = builder().build();
        ControlServer control = null;
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            sim.start();
            if (controlPort != null) {
                control = new ControlServer(sim, new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort)).start();
            }
            status.println("virtual EMU-2 running (seed " + seed + ", speed " + speed + ", simulated time " + sim.now() + ")");
            sim.portPath().ifPresent(p -> status.println("  serial port: " + p));
            sim.tcpAddress().ifPresent(a -> status.println("  TCP stream:  " + a.getHostString() + ":" + a.getPort()));
            if (control != null) {
                status.println("  control API: http://" + control.address().getHostString() + ":" + control.address().getPort() + "/status");
            }
            if (journal != null) {
                status.println("  journal:     " + journal.toAbsolutePath());
            }
            if (!sim.faults().active().isEmpty()) {
                status.println("  faults:      " + sim.faults());
            }
            status.println("Ctrl-C to stop.");
            if (unplugAfter != null) {
                sim.unplugAt(sim.now().plusSeconds(unplugAfter), Duration.ofSeconds(unplugFor));
            }
            ControlServer finalControl = control;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (finalControl != null) {
                    finalControl.close();
                }
                sim.close();
                stopped.countDown();
            }, "emu2-shutdown"));
            stopped.await();
            return 0;
        } catch (Exception e) {
            if (control != null) {
                control.close();
            }
            sim.close();
            throw e;
        }
    }

    private int replay(PrintStream status) throws Exception {
        Capture capture = Capture.read(replay);
        try (CaptureReplay player = new CaptureReplay(capture, noPty ? null : link, tcpAddress(), speed).start()) {
            status.println("replaying " + replay + " (" + capture.chunks().size() + " events, speed " + speed
                    + ") from the host's first command");
            player.portPath().ifPresent(p -> status.println("  serial port: " + p));
            player.tcpAddress().ifPresent(a -> status.println("  TCP stream:  " + a.getHostString() + ":" + a.getPort()));
            status.println("Ctrl-C to stop.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "emu2-shutdown"));
            stopped.await();
        }
        return 0;
    }

    private InetSocketAddress tcpAddress() throws UnknownHostException {
        if (tcp == null) {
            return null;
        }
        int colon = tcp.lastIndexOf(':');
        InetAddress host = colon < 0 ? InetAddress.getLoopbackAddress() : InetAddress.getByName(tcp.substring(0, colon));
        return new InetSocketAddress(host, Integer.parseInt(tcp.substring(colon + 1)));
    }

    /** The simulator these options describe (not built, not started). */
    Emu2SimulatorBuilder builder() throws UnknownHostException {
        Emu2SimulatorBuilder b = Emu2Simulator.builder().seed(seed).speed(speed).journalRetain(JOURNAL_IN_MEMORY).zone(zone).solar(solar)
                .start(start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS)).uptime(Duration.ofSeconds(uptimeSeconds))
                .meterInfoForm(meterInfoForm).writeRate(writeRate);
        if (wholeWrites) {
            b.wholeWrites();
        }
        String[] gap = demandEvery.split("-");
        b.demandEvery(Duration.ofMillis((long) (Double.parseDouble(gap[0]) * 1000)),
                Duration.ofMillis((long) (Double.parseDouble(gap[gap.length - 1]) * 1000)));
        for (String meter : meters) {
            String[] parts = meter.split(":");
            long mac = Long.parseUnsignedLong(parts[0].replaceFirst("^0[xX]", ""), 16);
            int multiplier = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            b.meter(new MeterSpec(mac, multiplier, 1000, ""));
        }
        periods.forEach((event, seconds) -> b.period(ScheduleEvent.parse(event)
                .orElseThrow(() -> new IllegalArgumentException("unknown event " + event)), Duration.ofSeconds(seconds)));
        faults.forEach(b::fault);
        if (noPty) {
            b.noPty();
        } else {
            b.pty(link);
        }
        if (tcp != null) {
            b.tcp(tcpAddress());
        }
        if (stdio) {
            b.stdio(System.in, new FileOutputStream(FileDescriptor.out));
        }
        if (journal != null) {
            b.journalFile(journal);
        }
        return b;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SimulatorCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("emu2-simulator: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
