package dev.metertap.pgemock.junit;

import dev.metertap.pgemock.PgeMock;
import dev.metertap.pgemock.PgeMockOptions;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link PgeMock} on a free port before the class's tests, clears faults after each test,
 * and stops it after the class. Either
 * <pre>{@code
 * @ExtendWith(PgeMockExtension.class)
 * class MyIT { @Test void works(PgeMock pge) { ... } }
 * }</pre>
 * or, with options:
 * <pre>{@code
 * @RegisterExtension
 * static PgeMockExtension pge = PgeMockExtension.with(() -> PgeMockOptions.defaults().notifyUri(uri));
 * }</pre>
 */
public final class PgeMockExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private final Supplier<PgeMockOptions> options;
    private PgeMock mock;

    public PgeMockExtension() {
        this(PgeMockOptions::defaults);
    }

    private PgeMockExtension(Supplier<PgeMockOptions> options) {
        this.options = options;
    }

    /** Options are asked for when the class starts, so they may use values set up before (a receiver's URI). */
    public static PgeMockExtension with(Supplier<PgeMockOptions> options) {
        return new PgeMockExtension(options);
    }

    /** The running mock; only inside the tests of the class. */
    public PgeMock mock() {
        if (mock == null) {
            throw new IllegalStateException("the pge-mock starts before the class's tests");
        }
        return mock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        mock = new PgeMock(options.get()).start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (mock != null) {
            mock.faults().clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (mock != null) {
            mock.close();
            mock = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PgeMock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return mock();
    }
}
