package dev.metertap.simulator.endpoint;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Path;

/** Test helper: what pyserial does at open, {@code tcflush(fd, TCIFLUSH)}, on a descriptor of its own. */
final class HostTty {

    private static final int O_RDWR_NOCTTY_NONBLOCK = 0x2 | 0x100 | 0x800; // Linux numbering
    private static final int TCIFLUSH = 0;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags);

        int tcflush(int fd, int queue);

        int close(int fd);
    }

    private HostTty() {
    }

    /** Discards what the tty holds unread, as a host opening it does. */
    static void flushInput(Path port) throws IOException {
        int fd = LibC.INSTANCE.open(port.toString(), O_RDWR_NOCTTY_NONBLOCK);
        if (fd < 0) {
            throw new IOException("cannot open " + port + ": errno " + Native.getLastError());
        }
        try {
            if (LibC.INSTANCE.tcflush(fd, TCIFLUSH) != 0) {
                throw new IOException("tcflush " + port + ": errno " + Native.getLastError());
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
