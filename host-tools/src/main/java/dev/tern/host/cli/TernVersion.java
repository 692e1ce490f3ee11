package dev.tern.host.cli;

import picocli.CommandLine;

/** {@code tern --version}: the version the jar was built as, and the Java it runs on. */
public final class TernVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TernVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "tern " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
