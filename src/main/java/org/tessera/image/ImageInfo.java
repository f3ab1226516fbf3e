package org.tessera.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What is known about a stored image without decoding pixels.
 *
 * @param levels        pyramid levels, index 0 = full resolution, then decreasing in size
 *                      ({@link PyramidGeometry} maps them to protocol resolutions and tiles)
 * @param pages         number of stack pages / horizontal views (1 for a plain image)
 * @param metadata      keys as iipsrv names them: creator, rights, date, description, title,
 *                      software, make, model, pagename, scale, xmp
 * @param dpiX          horizontal resolution in pixels per inch, 0 when unknown
 * @param lastModified  file modification time, second precision is what HTTP sees
 */
public record ImageInfo(
        List<Level> levels,
        int pages,
        int channels,
        int bitsPerSample,
        SampleFormat sampleFormat,
        ColourSpace colourSpace,
        double[] minValues,
        double[] maxValues,
        Map<String, String> metadata,
        double dpiX,
        double dpiY,
        Instant lastModified) {

    public ImageInfo {
        levels = List.copyOf(levels);
        metadata = Map.copyOf(metadata);
        if (levels.isEmpty()) throw new IllegalArgumentException("an image needs at least one level");
    }

    /** This description with {@code key} set in the metadata when the file gave none (COPYRIGHT fills "rights"). */
    public ImageInfo withMetadataDefault(String key, String value) {
        if (metadata.containsKey(key)) return this;
        Map<String, String> m = new java.util.HashMap<>(metadata);
        m.put(key, value);
        return new ImageInfo(levels, pages, channels, bitsPerSample, sampleFormat, colourSpace, minValues, maxValues, m,
                dpiX, dpiY, lastModified);
    }

    public int width() { return levels.get(0).width(); }

    public int height() { return levels.get(0).height(); }

    public Level fullLevel() { return levels.get(0); }

    public int levelCount() { return levels.size(); }
}
