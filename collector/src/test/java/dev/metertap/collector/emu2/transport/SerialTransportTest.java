package dev.metertap.collector.emu2.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed open says, by errno; the numbers are Linux's (asm-generic/errno-base.h), not the constants under test. */
class SerialTransportTest {

    @Test
    void explainsTheErrnoValuesAUserMeets() {
        assertThat(SerialTransport.cannotOpen("/dev/ttyUSB9", 2)).startsWith("cannot open /dev/ttyUSB9: no such device");
        assertThat(SerialTransport.cannotOpen("/tmp/x", 25)).isEqualTo("cannot open /tmp/x: not a serial port");
        assertThat(SerialTransport.cannotOpen("/dev/ttyACM0", 13))
                .startsWith("cannot open /dev/ttyACM0: permission denied").contains("'dialout'");
        assertThat(SerialTransport.cannotOpen("/dev/ttyACM0", 16)).isEqualTo("cannot open /dev/ttyACM0: in use by another program");
        assertThat(SerialTransport.cannotOpen("/dev/ttyACM0", 99)).isEqualTo("cannot open /dev/ttyACM0: error 99");
    }

    @Test
    void onlyAPermissionProblemMentionsTheDialoutGroup() {
        for (int errno = 0; errno < 134; errno++) {
            boolean permission = errno == 13 || errno == 1;  // EACCES, EPERM
            assertThat(SerialTransport.cannotOpen("/dev/ttyACM0", errno).contains("dialout")).as("errno %d", errno).isEqualTo(permission);
        }
    }
}
