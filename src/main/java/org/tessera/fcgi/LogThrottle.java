package org.tessera.fcgi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets a warning through at most once per interval, so a flood of refused peers cannot flood the log. */
final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    boolean permit() {
        long now = System.nanoTime();
        long due = next.get();
        return (due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos);
    }
}
