package dev.metertap.simulator.rtlamr;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code virtual-rtlamr}: stands in for {@code rtlamr -format=json} (and the dongle and rtl_tcp behind it) as a child
 * process: JSON lines on stdout, its log on stderr, exit 1 when "rtl_tcp" goes away. Run it with
 * {@code java -cp emu2-simulator.jar dev.metertap.simulator.rtlamr.RtlamrSimulatorCommand}.
 */
@Command(name = "virtual-rtlamr", mixinStandardHelpOptions = true, version = "virtual-rtlamr 0.1.0",
        description = "Writes rtlamr's JSON lines for a neighbourhood of simulated meters, with a ground-truth journal.",
        footerHeading = "%nFaults (each fires once per journal, after the Nth message):%n",
        footer = {"  exit@N   rtl_tcp goes away: a line on stderr, exit 1",
                "  stall@N  the dongle stops delivering: alive, silent",
                "  cut@N    message N is cut mid-line, then exit 1"})
public final class RtlamrSimulatorCommand implements Callable<Integer> {

    @Option(names = "--meter", paramLabel = "TYPE:ID[:ERTTYPE][:solar]", description = "a meter on the air (repeatable; default: one's own SCM gas 48151623 and IDM electric 55123456 among five neighbours)")
    List<String> meters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed: the same seed and start give the same lines (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", description = "simulated time of the first run, e.g. 2026-03-01T08:00:00Z (default: now)")
    Instant start;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "1", description = "simulated seconds per wall second; 0 as fast as possible (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "America/Los_Angeles", description = "the host's zone: the offset rtlamr's times carry, and when the sun shines (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "0", description = "exit 0 once the journal holds N messages (default: never)")
    long messages;

    @Option(names = "--fault", paramLabel = "NAME@N", description = "a fault (repeatable): exit@N, stall@N, cut@N")
    List<String> faults;

    @Option(names = "--log-to-stdout", description = "rtlamr's start-up log lines on stdout too, as with 2>&1")
    boolean logLines;

    @Option(names = "--journal", paramLabel = "FILE", description = "append the ground truth here; a run with an existing journal resumes after it")
    Path journal;

    @Override
    public Integer call() throws Exception {
        Map<RadioFault, Long> planned = new EnumMap<>(RadioFault.class);
        for (String f : faults == null ? List.<String>of() : faults) {
            String[] parts = f.split("@");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a fault is NAME@N, e.g. exit@40; got '" + f + "'");
            }
            planned.put(RadioFault.parse(parts[0]), Long.parseLong(parts[1]));
        }
        List<RadioMeter> onAir = meters == null ? VirtualRtlamr.NEIGHBOURHOOD : meters.stream().map(RadioMeter::parse).toList();
        Instant first = start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        VirtualRtlamr radio = new VirtualRtlamr(new VirtualRtlamr.Settings(seed, first, speed, onAir, zone, messages, planned,
                logLines, journal));
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        VirtualRtlamr.Ending ending = radio.run(out);
        out.flush();
        switch (ending) {
            case LIMIT:
                return 0;
            case STALL:
                System.err.println("virtual-rtlamr: stalled (fault): writing nothing more until stopped");
                new CountDownLatch(1).await();
                return 0;
            case CUT:
                System.err.println("virtual-rtlamr: output cut mid-line (fault)");
                return 1;
            default:
                System.err.println("rtlamr: read tcp 127.0.0.1:1234: connection reset by peer (fault)");
                return 1;
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new RtlamrSimulatorCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("virtual-rtlamr: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
