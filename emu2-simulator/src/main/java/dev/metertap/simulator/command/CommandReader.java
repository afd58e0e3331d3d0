package dev.metertap.simulator.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds commands in the bytes a host sends, as leniently as the device: element names in any case
 * (end tags need not match the start tag's case), any whitespace, junk between commands, bytes in any
 * chunking. Bounded: a command longer than {@link #MAX_COMMAND_CHARS} is dropped and reading
 * resynchronises at the next {@code <Command>}. Not thread-safe: one reader per connection.
 */
public final class CommandReader {

    /** The longest command kept; real ones are under 300 bytes. */
    public static final int MAX_COMMAND_CHARS = 4096;
    private static final int MAX_PARAMS = 32;
    private static final Pattern START = Pattern.compile("<\\s*command\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern END = Pattern.compile("<\\s*/\\s*command\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHILD = Pattern.compile(
            "<\\s*([A-Za-z_][A-Za-z0-9_.-]{0,63})\\s*>([^<]{0,512})<\\s*/\\s*([A-Za-z_][A-Za-z0-9_.-]{0,63})\\s*>");

    private final StringBuilder pending = new StringBuilder();
    private long discarded;

    /** Adds bytes (any chunk) and returns the commands they completed, in order. */
    public List<ReceivedCommand> feed(byte[] bytes, int offset, int length) {
        pending.append(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        List<ReceivedCommand> commands = new ArrayList<>();
        while (true) {
            Matcher start = START.matcher(pending);
            if (!start.find()) {
                // keep a possible partial start tag, drop the rest
                int keep = Math.min(pending.length(), 24);
                drop(pending.length() - keep);
                return commands;
            }
            drop(start.start());
            Matcher end = END.matcher(pending);
            int bodyFrom = start.end() - start.start();
            if (!end.find(bodyFrom)) {
                if (pending.length() > MAX_COMMAND_CHARS) {
                    drop(bodyFrom); // too long: give up on this one, look for the next start
                    continue;
                }
                return commands;
            }
            String body = pending.substring(bodyFrom, end.start());
            Matcher restart = START.matcher(body);
            if (restart.find()) {
                // an unfinished command followed by a new one: the new one counts
                drop(bodyFrom + restart.start());
                continue;
            }
            pending.delete(0, end.end());
            commands.add(parse(body));
        }
    }

    public List<ReceivedCommand> feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Characters thrown away so far (junk, over-long commands). */
    public long discarded() {
        return discarded;
    }

    private void drop(int count) {
        discarded += count;
        pending.delete(0, count);
    }

    static ReceivedCommand parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher child = CHILD.matcher(body);
        while (child.find() && params.size() < MAX_PARAMS) {
            String name = child.group(1).toLowerCase(Locale.ROOT);
            if (name.equals(child.group(3).toLowerCase(Locale.ROOT))) {
                params.putIfAbsent(name, child.group(2).trim());
            }
        }
        String name = params.getOrDefault("name", "");
        params.remove("name");
        return new ReceivedCommand(name, params);
    }
}
