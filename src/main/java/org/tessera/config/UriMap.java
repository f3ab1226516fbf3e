package org.tessera.config;

/** One URI_MAP entry: requests whose path starts with /{prefix}/ are handled by {protocol}. */
public record UriMap(String prefix, Protocol protocol) {
    public enum Protocol { IIP, IIIF, DEEPZOOM, ZOOMIFY }
}
