package org.tessera.source.jpeg;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessera.codec.JpegDecoder;
import org.tessera.error.CorruptImageException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleFormat;
import org.tessera.source.ImageFormat;
import org.tessera.source.ImageSource;

/**
 * Plain JPEG files as an input format (magic FF D8 FF). Decoded levels are shared between the
 * sources opened on the same file (each request opens its own) in a cache bounded in bytes, whose
 * entries go after a minute unused: decoding a level once serves all its tiles.
 */
public final class JpegFormat implements ImageFormat<JpegFormat.Levels> {
    /** Side of the tiles levels are served in. */
    public static final int TILE = 256;
    /** The smallest DCT scale libjpeg-turbo offers is 1/8: four levels at most. */
    static final int MAX_LEVELS = 4;
    /** Larger files are refused rather than read into memory for a decode. */
    static final long MAX_FILE_BYTES = 256L << 20;
    static final long MAX_PIXELS = 1L << 28;
    /** Decoded levels kept for neighbouring tiles: a 40-megapixel RGB level fits. */
    public static final long DEFAULT_CACHE_BYTES = 128L << 20;

    private final JpegDecoder decoder;
    private final String copyright;
    private final Cache<LevelKey, PixelImage> decoded;

    private record LevelKey(Path file, Instant modified, long size, int level) {
    }

    /**
     * @param cacheBytes decoded levels kept across requests, in bytes of pixels
     * @param copyright  COPYRIGHT: the "rights" of images that carry none ("" for none)
     */
    public JpegFormat(JpegDecoder decoder, long cacheBytes, String copyright) {
        this.decoder = decoder;
        this.copyright = copyright == null ? "" : copyright;
        this.decoded = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, cacheBytes))
                .weigher((LevelKey k, PixelImage p) -> p.pixels().length)
                .expireAfterAccess(Duration.ofMinutes(1))
                .build();
    }

    @Override
    public String name() { return "JPEG"; }

    @Override
    public void clear() {
        decoded.invalidateAll();
    }

    @Override
    public boolean recognises(ByteBuffer head) {
        return head.remaining() >= 3 && (head.get(0) & 0xFF) == 0xFF && (head.get(1) & 0xFF) == 0xD8
                && (head.get(2) & 0xFF) == 0xFF;
    }

    @Override
    public Levels describe(FileChannel channel, Path file, Instant lastModified) throws IOException {
        JpegHeader header = JpegHeader.read(channel);
        if (header.precision() != 8) throw new UnsupportedImageException(header.precision() + "-bit JPEG is not supported");
        if (header.components() != 1 && header.components() != 3 && header.components() != 4) {
            throw new UnsupportedImageException("JPEG with " + header.components() + " components is not supported");
        }
        if ((long) header.width() * header.height() > MAX_PIXELS) throw new UnsupportedImageException("JPEG too large to decode");
        ImageInfo info = describe(header, lastModified);
        if (!copyright.isEmpty()) info = info.withMetadataDefault("rights", copyright);
        return new Levels(file, lastModified, channel.size(), header, info);
    }

    @Override
    public ImageSource open(FileChannel channel, Levels levels) {
        return new JpegImageSource(channel, levels.info(), levels);
    }

    static ImageInfo describe(JpegHeader h, Instant lastModified) {
        List<Level> levels = new ArrayList<>();
        for (int l = 0; l < MAX_LEVELS; l++) {
            int d = 1 << l;
            levels.add(new Level((h.width() + d - 1) / d, (h.height() + d - 1) / d, TILE, TILE));
            // no level below one that already fits in a tile
            if (levels.get(l).width() <= TILE && levels.get(l).height() <= TILE) break;
        }
        int channels = h.components() == 1 ? 1 : 3;
        double[] min = new double[channels];
        double[] max = new double[channels];
        java.util.Arrays.fill(max, 255);
        Map<String, String> meta = new HashMap<>();
        h.icc().ifPresent(icc -> meta.put("icc", new String(icc, StandardCharsets.ISO_8859_1)));
        h.xmp().ifPresent(xmp -> meta.put("xmp", xmp));
        return new ImageInfo(levels, 1, channels, 8, SampleFormat.UNSIGNED_INT,
                channels == 1 ? ColourSpace.GREY : ColourSpace.SRGB, min, max, meta, h.dpiX(), h.dpiY(), lastModified);
    }

    /** One file version's description, and its decoded levels through the shared cache. */
    public final class Levels {
        private final Path file;
        private final Instant modified;
        private final long size;
        private final JpegHeader header;
        private final ImageInfo info;

        Levels(Path file, Instant modified, long size, JpegHeader header, ImageInfo info) {
            this.file = file;
            this.modified = modified;
            this.size = size;
            this.header = header;
            this.info = info;
        }

        ImageInfo info() { return info; }

        PixelImage level(FileChannel channel, int level) throws IOException {
            try {
                // one decode per level at a time: concurrent tile requests wait for it rather than repeat it
                return decoded.get(new LevelKey(file, modified, size, level), k -> {
                    try {
                        return decode(channel, level);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private PixelImage decode(FileChannel channel, int level) throws IOException {
            if (size > MAX_FILE_BYTES) throw new UnsupportedImageException("JPEG file too large");
            ByteBuffer data = ByteBuffer.allocate((int) size);
            while (data.hasRemaining()) {
                if (channel.read(data, data.position()) < 0) throw new CorruptImageException("JPEG file shrank while read");
            }
            int denominator = 1 << level;
            PixelImage pixels;
            if (header.cmyk()) {
                pixels = CmykJpeg.decode(data.array(), denominator);
            } else {
                try {
                    pixels = decoder.decodeScaled(data.array(), denominator);
                } catch (IOException e) {
                    throw new CorruptImageException(e.getMessage(), e);
                }
            }
            Level l = info.levels().get(level);
            if (pixels.width() != l.width() || pixels.height() != l.height() || pixels.channels() != info.channels()) {
                throw new CorruptImageException("JPEG decoded to " + pixels.width() + "x" + pixels.height() + "x"
                        + pixels.channels() + ", its header says " + l.width() + "x" + l.height() + "x" + info.channels());
            }
            return pixels;
        }
    }
}
