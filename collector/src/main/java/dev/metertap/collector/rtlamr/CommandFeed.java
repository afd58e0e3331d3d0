package dev.metertap.collector.rtlamr;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** rtlamr as a child process: its stdout is the feed, its stderr goes to our log, line by line. */
public final class CommandFeed implements RtlamrFeed {

    private static final Logger log = LoggerFactory.getLogger(CommandFeed.class);
    private static final int MAX_LOGGED_CHARS = 300;

    private final List<String> command;

    public CommandFeed(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        this.command = List.copyOf(command);
    }

    @Override
    public Connection open() throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command.get(0) + "': " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String name = command.get(0).replaceAll(".*/", "") + " (pid " + process.pid() + ")";
        Thread stderr = new Thread(() -> logLines(process.getErrorStream(), name), "metertap-rtlamr-stderr");
        stderr.setDaemon(true);
        stderr.start();
        return new Connection() {
            @Override
            public InputStream lines() {
                return process.getInputStream();
            }

            @Override
            public String whyEnded() {
                try {
                    if (process.waitFor(5, TimeUnit.SECONDS)) {
                        return "exited with status " + process.exitValue();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "closed its output";
            }

            @Override
            public void close() {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    private static void logLines(InputStream err, String name) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    String cut = line.length() > MAX_LOGGED_CHARS ? line.substring(0, MAX_LOGGED_CHARS) + "…" : line;
                    log.info("{}: {}", name, cut);
                }
            }
        } catch (IOException e) {
            log.debug("{}: stderr closed: {}", name, e.getMessage());
        }
    }

    @Override
    public boolean restartable() {
        return true;
    }

    /** The command as given, cut at 120 characters (a test's classpath would fill the log). */
    @Override
    public String describe() {
        String whole = String.join(" ", command);
        return whole.length() > 120 ? whole.substring(0, 120) + "…" : whole;
    }
}
