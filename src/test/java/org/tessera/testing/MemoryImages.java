package org.tessera.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.error.ImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.SampleFormat;
import org.tessera.source.ImageRepository;
import org.tessera.source.ImageSource;

/** An ImageRepository of images held in memory (TestPattern pyramids or given sources); records the identifiers it was asked for. */
public final class MemoryImages implements ImageRepository {
    public static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");

    private final Map<String, ImageSource> sources = new ConcurrentHashMap<>();
    public final List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A TestPattern pyramid with this description. */
    public MemoryImages add(String identifier, ImageInfo info) {
        return put(identifier, new PatternSource(info));
    }

    public MemoryImages put(String identifier, ImageSource source) {
        sources.put(identifier, source);
        return this;
    }

    /** A pyramid halving (rounding up) until the level fits one tile, as iipsrv's examples. */
    public static ImageInfo pyramid(int width, int height, int tile, int levels, Map<String, String> metadata) {
        List<Level> l = new ArrayList<>();
        int w = width, h = height;
        for (int i = 0; i < levels; i++) {
            l.add(new Level(w, h, tile, tile));
            w = (w + 1) / 2;
            h = (h + 1) / 2;
        }
        return new ImageInfo(l, 1, 3, 8, SampleFormat.UNSIGNED_INT, ColourSpace.SRGB,
                new double[] {0, 0, 0}, new double[] {255, 255, 255}, metadata, 0, 0, MTIME);
    }

    /** The image of iipsrv-behaviour.md section 8: 4000x3000, 5 levels, 256 px tiles. */
    public static ImageInfo standard() { return pyramid(4000, 3000, 256, 5, Map.of()); }

    @Override
    public ImageSource open(String identifier) {
        opened.add(identifier);
        ImageSource source = sources.get(identifier);
        if (source == null) throw new org.tessera.error.NotFoundException("image not found");
        return source;
    }

    @Override
    public void clear() {
        sources.clear();
    }
}
