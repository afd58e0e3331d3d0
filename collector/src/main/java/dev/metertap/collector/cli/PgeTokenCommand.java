package dev.metertap.collector.cli;

import dev.metertap.collector.config.ConfigLoader;
import dev.metertap.collector.pge.client.ShareMyDataClient;
import dev.metertap.collector.pge.client.ShareMyDataException;
import dev.metertap.collector.pge.client.ShareMyDataSettings;
import dev.metertap.collector.pge.client.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code metertap pge token}: gets a client-credentials token and shows when it expires (the token itself only with --show). */
@Command(name = "token",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:a token was issued", "1:PG&E refused or could not be reached", "2:a bad configuration"},
        mixinStandardHelpOptions = true,
        description = {"Gets a Share My Data access token with the configured client id, secret and certificate, and shows "
                + "when it expires. The token itself is printed only with --show (it grants access to your data for an hour)."},
        footer = {"", "Examples:",
                "  metertap pge token",
                "  metertap pge token --test              # from the connectivity-test token URL",
                "  TOKEN=$(metertap pge token --show --quiet)"})
final class PgeTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption options;

    @Option(names = "--show", description = "Also print the token.")
    boolean show;

    @Option(names = "--test", description = "Use the connectivity-test token URL (pge.test-token-url).")
    boolean test;

    @Option(names = "--quiet", description = "With --show: print only the token.")
    boolean quiet;

    @Override
    public Integer call() {
        return Failures.explained(spec, this::token);
    }

    private int token() {
        ConfigLoader loader = options.loader();
        ShareMyDataSettings settings = loader.shareMyData(options.load(loader));
        if (test) {
            settings = settings.withTokenUrl(settings.testTokenUrl());
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (ShareMyDataClient client = new ShareMyDataClient(settings, clock)) {
            TokenInfo token = client.token();
            if (!(show && quiet)) {
                out.printf("token from %s%n", settings.tokenUrl());
                out.printf("expires    %s (in %d minutes)%n", token.expiresAt(),
                        Duration.between(clock.instant(), token.expiresAt()).toMinutes());
                if (token.scope() != null) {
                    out.printf("scope      %s%n", token.scope());
                }
            }
            if (show) {
                out.println(quiet ? token.token().reveal() : "token      " + token.token().reveal());
            }
            out.flush();
            return 0;
        } catch (ShareMyDataException e) {
            spec.commandLine().getErr().println("metertap: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
