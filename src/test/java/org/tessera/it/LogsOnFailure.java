package org.tessera.it;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the server and nginx logs when a test fails, so a CI log alone explains the failure. */
final class LogsOnFailure implements TestWatcher {
    private final Supplier<String> diagnostics;

    LogsOnFailure(Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String d;
        try {
            d = diagnostics.get();
        } catch (RuntimeException e) {
            d = "(no diagnostics: " + e + ")";
        }
        System.err.println("\n##### " + context.getDisplayName() + " failed: " + cause + "\n" + d);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }
}
