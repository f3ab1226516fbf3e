package org.tessera.format;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The output formats this process can encode: the ones whose encoder (or native library) is
 * present. Only these are advertised (IIIF extraFormats, OBJ) and served.
 */
public record OutputFormats(Set<OutputFormat> available) {
    public OutputFormats {
        available = available.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(available));
    }

    public static OutputFormats all() { return new OutputFormats(EnumSet.allOf(OutputFormat.class)); }

    public static OutputFormats of(OutputFormat... formats) { return new OutputFormats(Set.of(formats)); }

    public boolean contains(OutputFormat format) { return available.contains(format); }

    /** An available format by extension or alias. */
    public Optional<OutputFormat> byName(String name) { return OutputFormat.fromName(name).filter(available::contains); }

    /** The available formats in registry order. */
    public List<OutputFormat> inOrder() {
        return EnumSet.allOf(OutputFormat.class).stream().filter(available::contains).toList();
    }
}
