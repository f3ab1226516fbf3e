package org.tessera.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One warning per interval however often the problem happens, with the number of occurrences
 * since the last line: a memcached that is down would otherwise write one line per request.
 */
final class RateLimitedWarning {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedWarning(Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.clock = nanoClock;
        this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
    }

    /** Logs now if the interval has passed since the last line, else counts the occurrence. */
    boolean warn(String message) {
        long now = clock.getAsLong();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            long others = suppressed.getAndSet(0);
            log.warn("{}{}", message, others == 0 ? "" : " (" + others + " more since the last warning)");
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }
}
