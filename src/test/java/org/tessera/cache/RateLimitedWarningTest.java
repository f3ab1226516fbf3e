package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedWarningTest {
    @Test
    void oneLinePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedWarning w = new RateLimitedWarning(LoggerFactory.getLogger(RateLimitedWarningTest.class), 100, now::get);
        assertTrue(w.warn("first"));
        assertFalse(w.warn("again"));
        now.addAndGet(99);
        assertFalse(w.warn("still within the interval"));
        now.addAndGet(1);
        assertTrue(w.warn("next interval"));
    }
}
