package org.tessera.server;

import java.util.concurrent.atomic.LongAdder;
import org.tessera.http.RequestHandler;

/** Counts the requests answered through it, over every listener: iipsrv's "accesses". */
final class AccessCounter {
    private final LongAdder count = new LongAdder();

    RequestHandler counting(RequestHandler next) {
        return request -> {
            try {
                return next.handle(request);
            } finally {
                count.increment();
            }
        };
    }

    long accesses() { return count.sum(); }
}
