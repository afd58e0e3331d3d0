package dev.metertap.demo;

import java.util.Map;

/** The terminal's width as the shell exports it ({@code COLUMNS}), else the classic 80. */
final class Terminal {

    static final int DEFAULT_COLUMNS = 80;
    /** Narrower than this, no status line is readable; a bogus COLUMNS is ignored. */
    private static final int MIN_COLUMNS = 20;

    private Terminal() {
    }

    static int columns(Map<String, String> environment) {
        String text = environment.get("COLUMNS");
        if (text == null) {
            return DEFAULT_COLUMNS;
        }
        try {
            int columns = Integer.parseInt(text.strip());
            return columns >= MIN_COLUMNS ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
