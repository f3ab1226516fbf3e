package org.tessera.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program of the machine (nginx, spawn-fcgi, vips, chromium, the reference
 * iipsrv): on a developer's machine without it they are skipped, with the reason; under
 * {@code CI=true} they fail, so CI can never pass by skipping what it was meant to check.
 */
public final class RequiredTools {
    private RequiredTools() {
    }

    public static void require(boolean present, String what) {
        require(present, what, underCi());
    }

    static void require(boolean present, String what, boolean ci) {
        if (present) return;
        if (ci) fail(what + " is missing; CI must run this test (.ci/run installs it)");
        Assumptions.abort(what + " is missing: test skipped (it fails under CI=true)");
    }

    static boolean underCi() { return "true".equalsIgnoreCase(System.getenv("CI")); }
}
