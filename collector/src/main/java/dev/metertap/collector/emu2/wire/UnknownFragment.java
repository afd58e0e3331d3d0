package dev.metertap.collector.emu2.wire;

import java.util.List;

/** A well-formed fragment with a root this reader does not know: kept, not an error. */
public record UnknownFragment(String rootName, List<Child> children) implements Emu2Message {

    public record Child(String name, String value) {
    }

    public UnknownFragment {
        children = List.copyOf(children);
    }
}
