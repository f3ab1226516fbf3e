package org.tessera.protocol;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The path-style protocols by the command that runs them ("iiif", "deepzoom", "zoomify"), as the
 * composition root wires them. A command without a handler answers 501.
 */
public record ProtocolRegistry(Map<String, ProtocolHandler> handlers) {
    public ProtocolRegistry {
        handlers = Map.copyOf(handlers);
    }

    public Optional<ProtocolHandler> handler(String command) {
        return Optional.ofNullable(handlers.get(command.toLowerCase(Locale.ROOT)));
    }
}
