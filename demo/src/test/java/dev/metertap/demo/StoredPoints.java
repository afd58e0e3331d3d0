package dev.metertap.demo;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The store's points read with plain SQL, read-only, as another program would read the file: the test's view of
 * the store does not go through the code under test.
 */
final class StoredPoints {

    private static final Pattern DEMAND = Pattern.compile("^emu2_demand,\\S+ kw=(-?[0-9.]+) ([0-9]+)$");

    private StoredPoints() {
    }

    static List<String> lines(Path store) throws SQLException {
        return query(store, "SELECT line FROM points ORDER BY seq", null);
    }

    static long count(Path store, String measurement) throws SQLException {
        return query(store, "SELECT line FROM points WHERE measurement = ?", measurement).size();
    }

    /** Each stored demand as {@code "<epoch s> <kW>"}, the kW without trailing zeros. */
    static Set<String> demands(Path store) throws SQLException {
        return query(store, "SELECT line FROM points WHERE measurement = ?", "emu2_demand").stream().map(line -> {
            Matcher m = DEMAND.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a demand point: " + line);
            }
            return m.group(2) + " " + new BigDecimal(m.group(1)).stripTrailingZeros().toPlainString();
        }).collect(Collectors.toSet());
    }

    /** What the store upserts on, read off the line: measurement and tags (up to the first unescaped space) and the time. */
    static String naturalKey(String line) {
        int space = line.indexOf(' ');
        while (space > 0 && line.charAt(space - 1) == '\\') { // an escaped space belongs to the series key
            space = line.indexOf(' ', space + 1);
        }
        return line.substring(0, space) + line.substring(line.lastIndexOf(' '));
    }

    private static List<String> query(Path store, String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + store + "?mode=ro");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
            }
            return lines;
        }
    }
}
