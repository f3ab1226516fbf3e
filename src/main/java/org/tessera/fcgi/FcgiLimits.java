package org.tessera.fcgi;

import java.time.Duration;

/**
 * Bounds that keep a misbehaving or hostile peer from exhausting memory, threads or connections,
 * and the figures advertised through GET_VALUES_RESULT.
 *
 * @param maxConnections     connections served at once, advertised as FCGI_MAX_CONNS. At the limit an
 *                           idle connection is closed to make room; when none is idle the new
 *                           connection waits until one ends
 * @param maxRequests        concurrent requests on one connection (multiplexing), advertised as
 *                           FCGI_MAX_REQS; more are refused with FCGI_OVERLOADED
 * @param maxParamsBytes     cap on one request's PARAMS stream
 * @param maxStdinBytes      cap on one request's STDIN (and DATA) stream; params + stdin caps also bound
 *                           what all unfinished requests of one connection may hold together
 * @param maxPendingOutput   response bytes one connection may have waiting to be written; while more
 *                           wait, no further request of that connection is started
 * @param idleTimeout        a connection owing no response is closed when no complete request has
 *                           arrived for this long (also bounds a peer that sends a request slowly)
 * @param writeTimeout       a connection whose peer has accepted no response bytes for this long is closed
 */
public record FcgiLimits(int maxConnections, int maxRequests, int maxParamsBytes, long maxStdinBytes,
                         long maxPendingOutput, Duration idleTimeout, Duration writeTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(60);

    public static final FcgiLimits DEFAULT = new FcgiLimits(DEFAULT_MAX_CONNECTIONS, 64, 1 << 20, 1L << 20,
            16L << 20, DEFAULT_IDLE_TIMEOUT, DEFAULT_WRITE_TIMEOUT);

    public FcgiLimits {
        if (maxConnections < 1 || maxRequests < 1 || maxParamsBytes < 1 || maxStdinBytes < 0 || maxPendingOutput < 1) {
            throw new IllegalArgumentException("FastCGI limits must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("FastCGI timeouts must be positive");
        }
    }

    /** The input caps only, with the default output cap and timeouts (for parser tests). */
    public FcgiLimits(int maxConnections, int maxRequests, int maxParamsBytes, long maxStdinBytes) {
        this(maxConnections, maxRequests, maxParamsBytes, maxStdinBytes, DEFAULT.maxPendingOutput(),
                DEFAULT.idleTimeout(), DEFAULT.writeTimeout());
    }

    /** These limits with the operator's connection cap and timeouts. */
    public FcgiLimits withConnections(int connections, Duration idle, Duration write) {
        return new FcgiLimits(connections, maxRequests, maxParamsBytes, maxStdinBytes, maxPendingOutput, idle, write);
    }
}
