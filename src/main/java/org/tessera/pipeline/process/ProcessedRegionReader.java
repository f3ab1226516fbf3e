package org.tessera.pipeline.process;

import java.io.IOException;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.image.SampleRaster;
import org.tessera.request.Processing;
import org.tessera.source.ImageSource;

/**
 * Reads a level region through the processing stage. Point operations run tile by tile on the
 * full-precision samples, so memory holds one tile of floats plus the 8-bit result; a convolution
 * needs its neighbours, so its region (with a margin the kernel's radius wide, taken from the
 * image where it exists) is read whole, within {@link #MAX_CONVOLVED_SAMPLES}.
 */
public final class ProcessedRegionReader {
    /** 32 M samples is 128 MB of floats: a 4000x2700 RGB region. */
    public static final long MAX_CONVOLVED_SAMPLES = 32L << 20;

    private ProcessedRegionReader() {
    }

    public static PixelImage read(ImageSource source, int page, int levelIndex, Rect region, Processing p,
                                  ImageStatistics stats) throws IOException {
        ImageInfo info = source.info();
        Histogram h = p.usesHistogram() ? stats.histogram() : null;
        if (p.kernel().isPresent()) {
            Level level = info.levels().get(levelIndex);
            int r = Convolution.radius(p.kernel().get());
            Rect wide = new Rect(0, 0, level.width(), level.height())
                    .intersect(new Rect(region.x() - r, region.y() - r, region.width() + 2 * r, region.height() + 2 * r));
            if ((long) wide.width() * wide.height() * info.channels() > MAX_CONVOLVED_SAMPLES) {
                throw new InvalidRequestException("region too large to convolve: ask for a smaller size");
            }
            SampleRaster raw = raster(source, page, levelIndex, wide);
            PixelImage out = SampleProcessor.process(raw, info, p, h);
            return out.crop(new Rect(region.x() - wide.x(), region.y() - wide.y(), region.width(), region.height()));
        }
        Level level = info.levels().get(levelIndex);
        int tw = level.tileWidth(), th = level.tileHeight();
        PixelImage canvas = null;
        for (int row = region.y() / th; row <= (region.bottom() - 1) / th; row++) {
            for (int col = region.x() / tw; col <= (region.right() - 1) / tw; col++) {
                Rect cell = level.tileRect(col, row);
                Rect part = cell.intersect(region);
                SampleRaster tile = source.readRaster(page, levelIndex, col, row)
                        .crop(new Rect(part.x() - cell.x(), part.y() - cell.y(), part.width(), part.height()));
                PixelImage piece = SampleProcessor.process(tile, info, p, h);
                if (part.equals(region)) return piece;
                if (canvas == null) canvas = PixelImage.blank(region.width(), region.height(), piece.channels());
                canvas.paste(piece, part.x() - region.x(), part.y() - region.y());
            }
        }
        return canvas;
    }

    /** The full-precision samples of a level region, composited from its tiles. */
    public static SampleRaster raster(ImageSource source, int page, int levelIndex, Rect region) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        int tw = level.tileWidth(), th = level.tileHeight();
        SampleRaster canvas = null;
        for (int row = region.y() / th; row <= (region.bottom() - 1) / th; row++) {
            for (int col = region.x() / tw; col <= (region.right() - 1) / tw; col++) {
                Rect cell = level.tileRect(col, row);
                Rect part = cell.intersect(region);
                SampleRaster piece = source.readRaster(page, levelIndex, col, row)
                        .crop(new Rect(part.x() - cell.x(), part.y() - cell.y(), part.width(), part.height()));
                if (part.equals(region)) return piece;
                if (canvas == null) canvas = SampleRaster.blank(region.width(), region.height(), piece.channels());
                canvas.paste(piece, part.x() - region.x(), part.y() - region.y());
            }
        }
        return canvas;
    }
}
