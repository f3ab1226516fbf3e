package org.tessera.pipeline.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.tessera.image.Level;
import org.tessera.pipeline.RegionReader;
import org.tessera.source.ImageSource;

/**
 * The whole-image figures one request needs, taken at most once per request and only when asked
 * for: the histogram of tile 0 of the smallest level (through the decoded-tile cache, so a view's
 * many tile requests decode it once).
 */
public final class ImageStatistics {
    private final ImageSource source;
    private final String identifier;
    private final int page;
    private final RegionReader reader;
    private Histogram histogram;

    public ImageStatistics(ImageSource source, String identifier, int page, RegionReader reader) {
        this.source = source;
        this.identifier = identifier;
        this.page = page;
        this.reader = reader;
    }

    public Histogram histogram() {
        if (histogram == null) {
            int smallest = source.info().levelCount() - 1;
            Level level = source.info().levels().get(smallest);
            try {
                histogram = Histogram.of(reader.read(source, identifier, page, smallest, level.tileRect(0, 0), true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return histogram;
    }
}
