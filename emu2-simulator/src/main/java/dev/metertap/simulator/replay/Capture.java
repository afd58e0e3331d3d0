package dev.metertap.simulator.replay;

import dev.metertap.simulator.command.CommandReader;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture of a real EMU-2 as {@code metertap emu2 record} writes it: per line, seconds since the capture began, then
 * {@code open}, {@code close}, {@code r BYTES} (what the host read) or {@code w BYTES} (what it wrote), the bytes
 * escaped ({@code \\ \r \n \t \xHH}). Read with its own parser, as the simulator shares no code with the collector.
 */
public record Capture(List<Chunk> chunks) {

    static final String HEADER = "# metertap emu2 capture 1";
    /** A read is at most a few kilobytes; a longer line is not a capture. */
    private static final int MAX_LINE = 1 << 20;

    /** One event; {@code bytes} is empty for {@code open} and {@code close}. */
    public record Chunk(long micros, Kind kind, byte[] bytes) {
    }

    public enum Kind { OPEN, CLOSE, READ, WRITE }

    public Capture {
        chunks = List.copyOf(chunks);
    }

    /** @throws IOException with the file and line when it is not a capture */
    public static Capture read(Path file) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String first = in.readLine();
            if (first == null || !first.equals(HEADER)) {
                throw new IOException(file + " is not an EMU-2 capture (its first line is not '" + HEADER + "')");
            }
            int number = 1;
            String line;
            long last = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.length() > MAX_LINE) {
                    throw new IOException(file + " line " + number + ": longer than " + MAX_LINE + " characters");
                }
                Chunk chunk = parse(line, file, number);
                if (chunk.micros() < last) {
                    throw new IOException(file + " line " + number + ": time goes back");
                }
                last = chunk.micros();
                chunks.add(chunk);
            }
        }
        return new Capture(chunks);
    }

    private static Chunk parse(String line, Path file, int number) throws IOException {
        String[] parts = line.split(" ", 3);
        try {
            long micros = Math.round(Double.parseDouble(parts[0]) * 1e6);
            Kind kind = switch (parts.length > 1 ? parts[1] : "") {
                case "open" -> Kind.OPEN;
                case "close" -> Kind.CLOSE;
                case "r" -> Kind.READ;
                case "w" -> Kind.WRITE;
                default -> throw new IOException(file + " line " + number + ": expected open, close, r or w after the time");
            };
            byte[] bytes = parts.length > 2 ? unescape(parts[2], file, number) : new byte[0];
            return new Chunk(micros, kind, bytes);
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + number + ": '" + parts[0] + "' is not a time in seconds");
        }
    }

    private static byte[] unescape(String text, Path file, int number) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                bytes.write(c);
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(++i) : ' ';
            switch (next) {
                case '\\' -> bytes.write('\\');
                case 'r' -> bytes.write('\r');
                case 'n' -> bytes.write('\n');
                case 't' -> bytes.write('\t');
                case 'x' -> {
                    try {
                        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        throw new IOException(file + " line " + number + ": \\x needs two hex digits");
                    }
                    i += 2;
                }
                default -> throw new IOException(file + " line " + number + ": unknown escape \\" + next);
            }
        }
        return bytes.toByteArray();
    }

    /** The command names the host wrote, in order, read as the device reads commands (a command may span writes). */
    List<String> commandsWritten() {
        CommandReader reader = new CommandReader();
        List<String> names = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk.kind() == Kind.WRITE) {
                reader.feed(chunk.bytes()).forEach(command -> names.add(command.name()));
            }
        }
        return names;
    }
}
