package org.tessera.service;

/**
 * Where the service's answers came from, and how the render queue is doing.
 *
 * @param cached      answered from a cache tier (RAM or shared)
 * @param passThrough stored tiles sent without decoding
 * @param encoded     tiles decoded and encoded
 * @param rendered    renditions (regions, scaled, rotated...) decoded, processed and encoded
 * @param rejected    refused because the render queue was full (503)
 * @param queued      renders waiting for a worker now
 */
public record RenderStats(long cached, long passThrough, long encoded, long rendered, long rejected, int queued) {
}
