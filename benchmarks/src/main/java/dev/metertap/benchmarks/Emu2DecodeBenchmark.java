package dev.metertap.benchmarks;

import dev.metertap.collector.emu2.Emu2Decoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Framer + parser on a realistic device stream fed in 4 KiB reads (as from a serial port). One
 * operation is one fragment written, so the score is fragments per second and, with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per fragment.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar Emu2DecodeBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Emu2DecodeBenchmark {

    static final int FRAGMENTS = 10_000;
    private static final int READ_SIZE = 4096;

    /** Share of fragments the device cuts short. */
    @Param({"0.0", "0.2"})
    public double clobberRate;

    private byte[] stream;
    private Emu2Decoder decoder;

    @Setup(Level.Trial)
    public void generate() {
        stream = DeviceStream.generate(42, FRAGMENTS, clobberRate).bytes();
        decoder = new Emu2Decoder();
    }

    @Benchmark
    @OperationsPerInvocation(FRAGMENTS)
    public void decodeStream(Blackhole blackhole) {
        Emu2Decoder.Listener sink = blackhole::consume;
        for (int at = 0; at < stream.length; at += READ_SIZE) {
            decoder.feed(stream, at, Math.min(READ_SIZE, stream.length - at), sink);
        }
    }

}
