package dev.metertap.collector.sink;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts Debian's real {@code influxd} (package {@code influxdb}, 1.6.x) for a test class: its
 * directories in a temp dir, HTTP and RPC on free loopback ports, no usage reporting. Inject
 * {@link Influxd} into tests or constructors. Tests are skipped when {@code influxd} is not
 * installed, except with {@code CI=true}, where that fails them.
 *
 * <p>It runs fine as root (it does not drop privileges when started by hand).
 */
public final class InfluxdExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private Influxd influxd;

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Disabled tests are reported as skipped with this reason; under CI=true they run, and fail in beforeAll. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Influxd.binary().isPresent() || onCi() ? ConditionEvaluationResult.enabled("influxd found")
                : ConditionEvaluationResult.disabled(Influxd.ABSENT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        influxd = new Influxd(Files.createTempDirectory("influxd-"));
        influxd.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (influxd != null) {
            influxd.stop();
            try (Stream<Path> files = Files.walk(influxd.dir())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Influxd.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return influxd;
    }
}
