package org.tessera.protocol.iip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.http.HttpError;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.image.SampleFormat;
import org.tessera.source.ImageRepository;
import org.tessera.source.ImageSource;
import org.tessera.testing.TestPattern;

/** An ImageRepository of TestPattern images held in memory; records the identifiers it was asked for. */
public final class MemoryImages implements ImageRepository {
    public static final Instant MTIME = Instant.parse("2024-03-01T10:15:30Z");

    private final Map<String, ImageInfo> infos = new ConcurrentHashMap<>();
    public final List<String> opened = new ArrayList<>();

    public MemoryImages add(String identifier, ImageInfo info) {
        infos.put(identifier, info);
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
        ImageInfo info = infos.get(identifier);
        if (info == null) throw HttpError.notFound("image not found");
        return new Source(info);
    }

    @Override
    public void clear() {
        infos.clear();
    }

    /** Tiles sampled (nearest) from the full-resolution TestPattern. */
    record Source(ImageInfo info) implements ImageSource {
        @Override
        public PixelImage readTile(int page, int level, int col, int row) {
            Level lv = info.levels().get(level);
            Rect r = lv.tileRect(col, row);
            PixelImage out = PixelImage.blank(r.width(), r.height(), 3);
            double sx = info.width() / (double) lv.width(), sy = info.height() / (double) lv.height();
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    int[] c = TestPattern.rgb((int) ((r.x() + x + 0.5) * sx), (int) ((r.y() + y + 0.5) * sy));
                    int i = (y * r.width() + x) * 3;
                    out.pixels()[i] = (byte) c[0];
                    out.pixels()[i + 1] = (byte) c[1];
                    out.pixels()[i + 2] = (byte) c[2];
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }
}
