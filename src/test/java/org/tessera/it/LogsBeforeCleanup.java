package org.tessera.it;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints the logs of the processes a test started when it fails, before @AfterEach stops them and
 * deletes their folder (a TestWatcher would run too late for that).
 */
final class LogsBeforeCleanup implements TestExecutionExceptionHandler {
    private final Supplier<String> diagnostics;

    LogsBeforeCleanup(Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable cause) throws Throwable {
        String d;
        try {
            d = diagnostics.get();
        } catch (RuntimeException e) {
            d = "(no diagnostics: " + e + ")";
        }
        System.err.println("\n##### " + context.getDisplayName() + " failed: " + cause + "\n" + d);
        throw cause;
    }
}
