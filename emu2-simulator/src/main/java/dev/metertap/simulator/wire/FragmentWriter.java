package dev.metertap.simulator.wire;

import java.nio.charset.Charset;

/**
 * Turns a {@link Fragment} into the device's exact bytes: root start tag on its own line, each child
 * on its own line indented two spaces, root end tag on its own line, every line ending CRLF, encoded
 * in Windows code page 1252.
 */
public final class FragmentWriter {

    /** The device's character set. */
    public static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String CRLF = "\r\n";

    public byte[] bytes(Fragment fragment) {
        return text(fragment).getBytes(CP1252);
    }

    public String text(Fragment fragment) {
        StringBuilder out = new StringBuilder(480);
        out.append('<').append(fragment.root()).append('>').append(CRLF);
        for (Fragment.Child child : fragment.children()) {
            out.append("  <").append(child.name()).append('>')
                    .append(child.value())
                    .append("</").append(child.name()).append('>').append(CRLF);
        }
        out.append("</").append(fragment.root()).append('>').append(CRLF);
        return out.toString();
    }
}
