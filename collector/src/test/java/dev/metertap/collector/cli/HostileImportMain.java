package dev.metertap.collector.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM (run with the deployed heap) that runs {@code metertap pge import FIFO --store STORE} while a thread of
 * its own writes one {@link HostileFeeds} document into the named pipe: the input is generated, never on disk.
 */
public final class HostileImportMain {

    private HostileImportMain() {
    }

    public static void main(String[] args) {
        HostileFeeds feed = HostileFeeds.valueOf(args[0]);
        Path fifo = Path.of(args[1]);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                feed.write(out);
            } catch (IOException readerStopped) {
                // the import refused the document and closed the pipe: what the test expects
            }
        }, "hostile-feed-writer");
        writer.setDaemon(true);
        writer.start();
        System.exit(MetertapCommand.commandLine().execute("pge", "import", fifo.toString(), "--store", args[2]));
    }
}
