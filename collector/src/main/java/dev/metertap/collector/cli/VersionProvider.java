package dev.metertap.collector.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MetertapCommand.class.getPackage().getImplementationVersion();
        return new String[] {"metertap " + (version != null ? version : "development")};
    }
}
