package dev.metertap.benchmarks;

import dev.metertap.collector.emu2.Emu2Decoder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Shows the decoder keeps no state per fragment: decodes 10^6 fragments and prints the heap in
 * use after a full GC every 200,000, which must stay flat.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.metertap.benchmarks.Emu2MemoryCheck</pre>
 */
public final class Emu2MemoryCheck {

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        DeviceStream.Sample sample = DeviceStream.generate(7, 10_000, 0.2);
        Emu2Decoder decoder = new Emu2Decoder();
        long[] decoded = new long[1];
        Emu2Decoder.Listener count = message -> decoded[0]++;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long start = System.nanoTime();
        System.out.printf("%12s %12s %16s%n", "fragments", "decoded", "heap after GC");
        for (int written = 0; written <= total; written += 10_000) {
            if (written % 200_000 == 0) {
                System.gc();
                System.out.printf("%12d %12d %13.1f KiB%n", written, decoded[0], memory.getHeapMemoryUsage().getUsed() / 1024.0);
            }
            if (written < total) {
                decoder.feed(sample.bytes(), 0, sample.bytes().length, count);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d fragments written (%d intact per 10,000) in %.2f s, framer: %s%n",
                total, sample.intactFragments(), seconds, decoder.framerCounters());
    }
}
