package dev.metertap.simulator.endpoint;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/** The few libc calls a pseudo-terminal needs. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    String ptsname(int fd);

    int open(String path, int flags) throws LastErrorException;

    int tcgetattr(int fd, Termios termios) throws LastErrorException;

    void cfmakeraw(Termios termios);

    int tcsetattr(int fd, int optionalActions, Termios termios) throws LastErrorException;

    int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    int ioctl(int fd, NativeLong request, int[] arg) throws LastErrorException;

    int read(int fd, byte[] buffer, int count);

    int write(int fd, byte[] buffer, int count);

    int poll(PollFd fds, int nfds, int timeoutMillis);

    int close(int fd);

    /** An opaque termios: big enough for every system's layout, never read field by field. */
    @Structure.FieldOrder("bytes")
    final class Termios extends Structure {
        public byte[] bytes = new byte[256];
    }

    @Structure.FieldOrder({"fd", "events", "revents"})
    final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }
}
