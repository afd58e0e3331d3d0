package dev.metertap.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** OpenSSL's CA serial file ({@code ca.srl}): the last serial issued, in upper-case hex, one line. */
public final class SerialFile {

    private SerialFile() {
    }

    public static void write(Path file, BigInteger lastSerial) {
        try {
            Files.writeString(file, lastSerial.toString(16).toUpperCase(Locale.ROOT) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CertificateException("cannot write serial file " + file, e);
        }
    }

    public static BigInteger read(Path file) {
        try {
            return new BigInteger(Files.readString(file, StandardCharsets.US_ASCII).strip(), 16);
        } catch (IOException | NumberFormatException e) {
            throw new CertificateException("cannot read serial file " + file, e);
        }
    }
}
