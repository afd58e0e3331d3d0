package dev.metertap.simulator.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * One XML fragment as the device writes it: a root element whose children hold text, in wire order.
 * Values are the exact text between the tags (already hex-formatted and escaped).
 */
public record Fragment(String root, List<Child> children) {

    public Fragment {
        children = List.copyOf(children);
    }

    /** One child line: {@code <name>value</name>}. */
    public record Child(String name, String value) {
    }

    public static Builder builder(String root) {
        return new Builder(root);
    }

    /** The value of the first child with this name, or null. */
    public String value(String name) {
        for (Child child : children) {
            if (child.name().equals(name)) {
                return child.value();
            }
        }
        return null;
    }

    /** A copy with one child's value replaced (used by faults). */
    public Fragment with(String name, String value) {
        List<Child> copy = new ArrayList<>(children.size());
        for (Child child : children) {
            copy.add(child.name().equals(name) ? new Child(name, value) : child);
        }
        return new Fragment(root, copy);
    }

    public static final class Builder {
        private final String root;
        private final List<Child> children = new ArrayList<>();

        private Builder(String root) {
            this.root = root;
        }

        public Builder child(String name, String value) {
            children.add(new Child(name, value));
            return this;
        }

        /** A child whose value is free text: escaped as the device escapes message text. */
        public Builder text(String name, String text) {
            return child(name, escape(text));
        }

        public Fragment build() {
            return new Fragment(root, children);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
