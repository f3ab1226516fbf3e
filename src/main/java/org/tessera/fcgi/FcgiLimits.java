package org.tessera.fcgi;

/**
 * Bounds that keep a misbehaving peer from exhausting memory, and the figures advertised through
 * GET_VALUES_RESULT.
 *
 * @param maxConnections    advertised as FCGI_MAX_CONNS
 * @param maxRequests       advertised as FCGI_MAX_REQS; also the cap of concurrent requests on one connection
 * @param maxParamsBytes    cap on one request's PARAMS stream
 * @param maxStdinBytes     cap on one request's STDIN (and DATA) stream; params + stdin caps also bound what all
 *                          unfinished requests of one connection may hold together
 */
public record FcgiLimits(int maxConnections, int maxRequests, int maxParamsBytes, long maxStdinBytes) {
    public static final FcgiLimits DEFAULT = new FcgiLimits(10_000, 10_000, 1 << 20, 64L << 20);
}
