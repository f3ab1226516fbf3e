package org.tessera.config;

/**
 * One URI_MAP entry: requests whose path starts with /{prefix}/ are handled by {protocol}.
 * METRICS (Prometheus text) and STATUS (JSON) are Tessera's monitoring pages: they exist on a
 * public path only when mapped.
 */
public record UriMap(String prefix, Protocol protocol) {
    public enum Protocol {
        IIP, IIIF, DEEPZOOM, ZOOMIFY, METRICS, STATUS;

        public boolean isMonitoring() { return this == METRICS || this == STATUS; }
    }
}
