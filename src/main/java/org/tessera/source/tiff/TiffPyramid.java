package org.tessera.source.tiff;

import static org.tessera.source.tiff.TiffTags.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.SampleFormat;

/** Decides which directories form the resolution pyramid and describes the image (iipsrv §12.1). */
public final class TiffPyramid {
    private TiffPyramid() {
    }

    /**
     * @throws UnsupportedImageException when the full-resolution directory is not tiled (as iipsrv, which
     *                   serves only tiled TIFFs)
     */
    public static TiffImage build(TiffStructure structure, Instant lastModified) {
        TiffDirectory full = structure.directories().get(0);
        if (!full.tiled()) throw new UnsupportedImageException("image is not tiled");
        List<TiffDirectory> levels = new ArrayList<>();
        levels.add(full);
        List<TiffDirectory> reduced = full.subIfds().stream().filter(d -> d.reducedResolution() && d.tiled()).toList();
        if (!reduced.isEmpty()) {
            levels.addAll(reduced);
        } else {
            structure.directories().stream().skip(1).filter(TiffDirectory::tiled).forEach(levels::add);
        }
        // A stable sort keeps file order for equal widths; a page of a stack the size of IFD0 is
        // not a level, so such directories are dropped rather than served as a duplicate level.
        levels.sort(Comparator.comparingInt(TiffDirectory::width).reversed());
        List<TiffDirectory> distinct = new ArrayList<>();
        for (TiffDirectory d : levels) {
            if (distinct.isEmpty() || d.width() < distinct.get(distinct.size() - 1).width()) distinct.add(d);
        }
        return new TiffImage(structure.order(), distinct, info(full, distinct, lastModified));
    }

    private static ImageInfo info(TiffDirectory full, List<TiffDirectory> dirs, Instant lastModified) {
        List<Level> levels = dirs.stream().map(d -> new Level(d.width(), d.height(), d.tileWidth(), d.tileLength())).toList();
        int channels = full.samplesPerPixel();
        int bps = full.bitsPerSample();
        SampleFormat format = switch (full.sampleFormat()) {
            case 2 -> SampleFormat.SIGNED_INT;
            case 3 -> SampleFormat.FLOAT;
            default -> SampleFormat.UNSIGNED_INT;
        };
        double[] min = perChannel(full.sMin(), channels, 0);
        double[] max = perChannel(full.sMax(), channels, defaultMax(bps, format));
        double dpiX = dpi(full.xResolution(), full.resolutionUnit());
        double dpiY = dpi(full.yResolution(), full.resolutionUnit());
        return new ImageInfo(levels, 1, channels, bps, format, colourSpace(full.photometric(), bps), min, max,
                full.metadata(), dpiX, dpiY, lastModified);
    }

    static ColourSpace colourSpace(int photometric, int bitsPerSample) {
        return switch (photometric) {
            case PHOTOMETRIC_MIN_IS_WHITE, PHOTOMETRIC_MIN_IS_BLACK -> bitsPerSample == 1 ? ColourSpace.BINARY : ColourSpace.GREY;
            case PHOTOMETRIC_RGB, PHOTOMETRIC_YCBCR -> ColourSpace.SRGB;
            case PHOTOMETRIC_CIELAB -> ColourSpace.CIELAB;
            default -> ColourSpace.MULTIBAND;
        };
    }

    /** iipsrv's defaults when SMaxSampleValue is absent; float data is assumed normalised to 0..1. */
    private static double defaultMax(int bps, SampleFormat format) {
        if (format == SampleFormat.FLOAT) return 1.0;
        if (bps <= 8) return 255;
        if (bps >= 32) return 4294967295.0;
        return (1L << bps) - 1;
    }

    private static double[] perChannel(double[] stored, int channels, double fallback) {
        double[] out = new double[channels];
        if (stored.length == 0) {
            Arrays.fill(out, fallback);
        } else {
            for (int c = 0; c < channels; c++) out[c] = stored[Math.min(c, stored.length - 1)];
        }
        return out;
    }

    private static double dpi(double resolution, int unit) {
        if (resolution <= 0) return 0;
        return switch (unit) {
            case 2 -> resolution;
            case 3 -> resolution * 2.54;
            default -> 0;
        };
    }
}
