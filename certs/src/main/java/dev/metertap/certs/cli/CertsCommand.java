package dev.metertap.certs.cli;

import picocli.CommandLine.Command;

/** {@code metertap certs}: the keys and certificates a Share My Data self-access user needs. */
@Command(name = "certs", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:help shown", "2:no command, or an unknown one (init and show are known)"},
        description = {
            "Keys and certificates for PG&E Share My Data (self-access).",
            "PG&E wants an X.509 client certificate with an RSA key of at least 2048 bits and a SHA-2 signature;",
            "'init' makes one signed by your own root CA, 'show' checks a certificate before you upload it."},
        subcommands = {InitCommand.class, ShowCommand.class})
public final class CertsCommand {
}
