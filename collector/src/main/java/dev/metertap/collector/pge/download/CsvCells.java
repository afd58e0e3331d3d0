package dev.metertap.collector.pge.download;

import java.util.ArrayList;
import java.util.List;

/** One CSV line's cells (RFC 4180 quoting: {@code "a, b"} is one cell, {@code ""} inside quotes is a quote). */
final class CsvCells {

    private CsvCells() {
    }

    /** The cells, or null when a quoted cell is not closed on this line. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>(8);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
