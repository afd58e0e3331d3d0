package dev.metertap.collector.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The project version and the git commit the build wrote into {@code metertap-version.properties}. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String RESOURCE = "/metertap-version.properties";

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        // run from an IDE's classes, without the Maven build that writes the file
        return new String[] {"metertap " + build.getProperty("version", "development")
                + " (commit " + build.getProperty("commit", "unknown") + ")"};
    }
}
