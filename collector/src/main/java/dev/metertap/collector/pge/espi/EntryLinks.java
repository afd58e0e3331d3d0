package dev.metertap.collector.pge.espi;

import java.util.ArrayList;
import java.util.List;

/** An Atom entry's links: the only relations ESPI has between resources. */
final class EntryLinks {

    String self;
    String up;
    final List<String> related = new ArrayList<>(4);

    void add(String rel, String href) {
        if (href == null || href.isEmpty()) {
            return;
        }
        switch (rel == null ? "alternate" : rel) {
            case "self" -> self = href;
            case "up" -> up = href;
            case "related" -> related.add(href);
            default -> {
            }
        }
    }

    void clear() {
        self = null;
        up = null;
        related.clear();
    }

    EntryLinks copy() {
        EntryLinks copy = new EntryLinks();
        copy.self = self;
        copy.up = up;
        copy.related.addAll(related);
        return copy;
    }

    /** The segment after {@code /UsagePoint/} in an href, or null: PG&amp;E's hrefs name the usage point this way. */
    static String usagePointIdIn(String href) {
        if (href == null) {
            return null;
        }
        int at = href.indexOf("/UsagePoint/");
        if (at < 0) {
            return null;
        }
        int from = at + "/UsagePoint/".length();
        int to = href.indexOf('/', from);
        String id = to < 0 ? href.substring(from) : href.substring(from, to);
        int query = id.indexOf('?');
        id = query < 0 ? id : id.substring(0, query);
        return id.isEmpty() ? null : id;
    }

    static String lastSegment(String href) {
        String path = href;
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static String parent(String href) {
        String path = href;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
