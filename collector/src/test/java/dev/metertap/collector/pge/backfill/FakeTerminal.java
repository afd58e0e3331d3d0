package dev.metertap.collector.pge.backfill;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal of a given width shows for the bytes written to it: {@code \r} returns to the line's start,
 * {@code \n} starts a new line, and a character past the last column wraps to the next line, as a real one does.
 */
final class FakeTerminal {

    private final int columns;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintWriter writer = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    FakeTerminal(int columns) {
        this.columns = columns;
    }

    /** Everything written so far, as written. */
    String written() {
        writer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The screen's lines, trailing blanks trimmed. */
    List<String> screen() {
        List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
        int column = 0;
        for (char c : written().toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                rows.add(new StringBuilder());
                column = 0;
            } else {
                if (column == columns) {
                    rows.add(new StringBuilder());
                    column = 0;
                }
                StringBuilder row = rows.get(rows.size() - 1);
                while (row.length() <= column) {
                    row.append(' ');
                }
                row.setCharAt(column++, c);
            }
        }
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(row.toString().stripTrailing()));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
