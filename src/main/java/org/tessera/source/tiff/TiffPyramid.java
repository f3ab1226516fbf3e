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
import org.tessera.image.StackPage;
import org.tessera.error.CorruptImageException;

/** Decides which directories form the resolution pyramid and describes the image (iipsrv §12.1). */
public final class TiffPyramid {
    private TiffPyramid() {
    }

    /**
     * @throws UnsupportedImageException when the full-resolution directory is not tiled (as iipsrv, which
     *                   serves only tiled TIFFs)
     */
    public static TiffImage build(TiffStructure structure, Instant lastModified) {
        List<TiffDirectory> top = structure.directories();
        TiffDirectory full = top.get(0);
        if (full.striped()) {
            return new TiffImage(structure.order(), List.of(full), info(full, StripedTiles.levels(full), lastModified, 1));
        }
        if (!full.tiled()) throw new UnsupportedImageException("image has neither tiles nor strips");
        boolean subIfdPyramid = full.subIfds().stream().anyMatch(d -> d.reducedResolution() && d.tiled());
        // Stacks (iipsrv 12.1 step 4): top-level directories marked as pages (NewSubfileType bit
        // 2), IFD0 first, in a SubIFD pyramid file or where IFD1 is the size of IFD0.
        boolean candidate = subIfdPyramid
                || top.size() > 1 && top.get(1).width() == full.width() && top.get(1).height() == full.height();
        List<TiffDirectory> pageDirs = top.stream().filter(d -> (d.newSubfileType() & 2) != 0 && d.tiled()).toList();
        if (candidate && !pageDirs.isEmpty() && pageDirs.get(0) == full) {
            List<List<TiffDirectory>> pages = new ArrayList<>();
            for (TiffDirectory page : pageDirs) pages.add(subIfdPyramid ? subIfdLevels(page) : List.of(page));
            List<TiffDirectory> first = pages.get(0);
            for (int p = 1; p < pages.size(); p++) {
                if (!sameGeometry(first, pages.get(p))) {
                    throw new CorruptImageException("stack page " + p + " differs in size or levels from page 0");
                }
            }
            List<StackPage> stack = pageDirs.stream()
                    .map(d -> new StackPage(d.metadata().getOrDefault("title", ""), scale(d))).toList();
            ImageInfo info = info(full, levels(first), lastModified, pages.size());
            return new TiffImage(structure.order(), first, info, pages, stack);
        }
        List<TiffDirectory> levels = new ArrayList<>();
        if (subIfdPyramid) {
            levels.addAll(subIfdLevels(full));
        } else {
            levels.add(full);
            top.stream().skip(1).filter(TiffDirectory::tiled).forEach(levels::add);
        }
        List<TiffDirectory> distinct = distinctWidths(levels);
        return new TiffImage(structure.order(), distinct, info(full, levels(distinct), lastModified, 1));
    }

    private static List<TiffDirectory> subIfdLevels(TiffDirectory d) {
        List<TiffDirectory> levels = new ArrayList<>();
        levels.add(d);
        d.subIfds().stream().filter(s -> s.reducedResolution() && s.tiled()).forEach(levels::add);
        return distinctWidths(levels);
    }

    /**
     * Largest first; a stable sort keeps file order for equal widths, and a directory as wide as
     * the previous one (a page of a stack the size of IFD0) is not a level, so it is dropped
     * rather than served as a duplicate level.
     */
    private static List<TiffDirectory> distinctWidths(List<TiffDirectory> levels) {
        List<TiffDirectory> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingInt(TiffDirectory::width).reversed());
        List<TiffDirectory> distinct = new ArrayList<>();
        for (TiffDirectory d : sorted) {
            if (distinct.isEmpty() || d.width() < distinct.get(distinct.size() - 1).width()) distinct.add(d);
        }
        return distinct;
    }

    private static boolean sameGeometry(List<TiffDirectory> a, List<TiffDirectory> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            TiffDirectory x = a.get(i), y = b.get(i);
            if (x.width() != y.width() || x.height() != y.height() || x.tileWidth() != y.tileWidth()
                    || x.tileLength() != y.tileLength()) return false;
        }
        return true;
    }

    private static double scale(TiffDirectory d) {
        String s = d.metadata().get("scale");
        try {
            return s == null ? 1 : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static List<Level> levels(List<TiffDirectory> dirs) {
        return dirs.stream().map(d -> new Level(d.width(), d.height(), d.tileWidth(), d.tileLength())).toList();
    }

    private static ImageInfo info(TiffDirectory full, List<Level> levels, Instant lastModified, int pages) {
        boolean palette = full.photometric() == PHOTOMETRIC_PALETTE;
        // A palette image is served as the RGB its ColorMap describes, 8 bits per channel.
        int channels = palette ? 3 : full.samplesPerPixel();
        int bps = palette ? 8 : full.bitsPerSample();
        SampleFormat format = switch (full.sampleFormat()) {
            case 2 -> SampleFormat.SIGNED_INT;
            case 3 -> SampleFormat.FLOAT;
            default -> SampleFormat.UNSIGNED_INT;
        };
        double[] min = palette ? perChannel(new double[0], channels, 0) : perChannel(full.sMin(), channels, defaultMin(bps, format));
        double[] max = palette ? perChannel(new double[0], channels, 255) : perChannel(full.sMax(), channels, defaultMax(bps, format));
        double dpiX = dpi(full.xResolution(), full.resolutionUnit());
        double dpiY = dpi(full.yResolution(), full.resolutionUnit());
        return new ImageInfo(levels, pages, channels, bps, format, colourSpace(full.photometric(), bps), min, max,
                full.metadata(), dpiX, dpiY, lastModified);
    }

    static ColourSpace colourSpace(int photometric, int bitsPerSample) {
        return switch (photometric) {
            case PHOTOMETRIC_MIN_IS_WHITE, PHOTOMETRIC_MIN_IS_BLACK -> bitsPerSample == 1 ? ColourSpace.BINARY : ColourSpace.GREY;
            case PHOTOMETRIC_RGB, PHOTOMETRIC_YCBCR, PHOTOMETRIC_PALETTE -> ColourSpace.SRGB;
            case PHOTOMETRIC_CIELAB -> ColourSpace.CIELAB;
            default -> ColourSpace.MULTIBAND;
        };
    }

    /** Signed data without SMinSampleValue spans its type's range (iipsrv would assume 0, clipping every negative value). */
    private static double defaultMin(int bps, SampleFormat format) {
        return format == SampleFormat.SIGNED_INT ? -Math.pow(2, bps - 1) : 0;
    }

    /** iipsrv's defaults when SMaxSampleValue is absent; float data is assumed normalised to 0..1. */
    private static double defaultMax(int bps, SampleFormat format) {
        if (format == SampleFormat.FLOAT) return 1.0;
        if (format == SampleFormat.SIGNED_INT) return Math.pow(2, bps - 1) - 1;
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
