package dev.metertap.collector.pge.client;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a URL lies under the configured resource base (same scheme, host, port, and path prefix).
 * Notifications are unsigned: a URL in one is a hint, and the bearer token goes only here.
 */
public final class ResourceScope {

    private final URI base;
    private final String basePath;

    public ResourceScope(URI base) {
        this.base = base;
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path : path + "/";
    }

    public URI base() {
        return base;
    }

    /** Empty when {@code url} is acceptable, else why not, in plain words. */
    public String refusal(URI url) {
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            return "not an absolute URL";
        }
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return "not https";
        }
        if (url.getRawUserInfo() != null) {
            return "carries user information";
        }
        if (url.getHost() == null || !url.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                || port(url) != port(base)) {
            return "host " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + " is not the configured PG&E host "
                    + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (!path.startsWith(basePath) || path.contains("/../") || path.contains("/./") || path.endsWith("/..")
                || path.toLowerCase(Locale.ROOT).contains("%2e") || path.toLowerCase(Locale.ROOT).contains("%2f")) {
            return "path " + path + " is not under " + basePath;
        }
        return "";
    }

    public boolean contains(URI url) {
        return refusal(url).isEmpty();
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : 443;
    }
}
