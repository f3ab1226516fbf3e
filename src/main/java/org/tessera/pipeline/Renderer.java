package org.tessera.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.tessera.codec.Codecs;
import org.tessera.codec.ImageEncoder;
import org.tessera.codec.NativeScaling;
import org.tessera.config.Config;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;
import org.tessera.pipeline.process.Histogram;
import org.tessera.pipeline.process.ImageStatistics;
import org.tessera.pipeline.process.ProcessedRegionReader;
import org.tessera.source.ImageSource;

/** Executes a {@link Plan}: reads the region, applies the operations in order, encodes. */
public final class Renderer {

    private final Config config;
    private final Codecs codecs;
    private final RegionReader reader;

    public Renderer(Config config, Codecs codecs, RegionReader reader) {
        this.config = config;
        this.codecs = codecs;
        this.reader = reader;
    }

    /**
     * How {@link #pixels} will read the plan's region from {@code source}. A first Scale step
     * resamples whatever it is given, so its input is streamed to it rather than assembled, and
     * decoded at a reduced size when the source can and the output is small enough: the level
     * region itself then never exists at full size. Processing reads at the level's resolution
     * (iipsrv processes before scaling), and sources that decode regions directly (JPEG 2000,
     * which reduces by resolution levels itself) keep doing so.
     */
    public ReadStrategy strategy(ImageSource source, Plan plan) {
        if (plan.processing().isPresent() || !(plan.operations().get(0) instanceof Operation.Scale s)) {
            return ReadStrategy.WHOLE;
        }
        boolean oneTile = tilesAcross(plan) * tilesDown(plan) == 1;
        if (source.readsRegions() && !oneTile) return ReadStrategy.WHOLE;
        DecodeScale scale = DecodeScale.choose(plan.level(), plan.region(), s.width(), s.height(),
                n -> source.decodesReduced(plan.page(), plan.levelIndex(), n));
        return new ReadStrategy(scale, true, oneTile ? 1 : reader.parallelism());
    }

    /** Pixels of the plan's region, after every operation except the encoding. */
    public PixelImage pixels(ImageSource source, String identifier, Plan plan, boolean cacheDecoded)
            throws IOException {
        ImageStatistics stats = new ImageStatistics(source, identifier, plan.page(), reader);
        List<Operation> operations = plan.operations();
        PixelImage image;
        if (plan.processing().isPresent()) {
            image = ProcessedRegionReader.read(source, plan.page(), plan.levelIndex(), plan.region(), plan.processing().get(), stats);
        } else {
            ReadStrategy read = strategy(source, plan);
            if (read.streamed()) {
                Operation.Scale s = (Operation.Scale) operations.get(0);
                try (RegionRows rows = reader.rows(source, identifier, plan.page(), plan.levelIndex(), plan.region(), read.scale(),
                        cacheDecoded, plan.layers())) {
                    image = Resampler.resize(rows.rows(), rows.window(), s.width(), s.height(), s.interpolation(), codecs.scaler());
                }
                operations = operations.subList(1, operations.size());
            } else {
                image = reader.read(source, identifier, plan.page(), plan.levelIndex(), plan.region(), cacheDecoded, plan.layers());
            }
        }
        return apply(image, operations, stats, codecs.scaler());
    }

    private static long tilesAcross(Plan plan) {
        int tw = plan.level().tileWidth();
        return (plan.region().right() - 1) / tw - plan.region().x() / tw + 1;
    }

    private static long tilesDown(Plan plan) {
        int th = plan.level().tileHeight();
        return (plan.region().bottom() - 1) / th - plan.region().y() / th + 1;
    }

    /** Applies every pixel operation in order, thresholds and equalisation from the image itself. */
    public static PixelImage apply(PixelImage image, List<Operation> operations) {
        return apply(image, operations, null);
    }

    /**
     * Applies every pixel operation in order; the Encode step is left to {@link #encode}. With
     * {@code stats}, the bitonal threshold and the equalisation come from the whole image's
     * histogram, so neighbouring tiles agree.
     */
    public static PixelImage apply(PixelImage image, List<Operation> operations, ImageStatistics stats) {
        return apply(image, operations, stats, Optional.empty());
    }

    /** As above, bilinear reductions done by {@code scaling} when given (see {@link Resampler}). */
    static PixelImage apply(PixelImage image, List<Operation> operations, ImageStatistics stats,
                            Optional<NativeScaling> scaling) {
        PixelImage out = image;
        for (Operation op : operations) {
            PixelImage in = out;
            out = switch (op) {
                case Operation.Process p -> out; // applied while reading
                case Operation.Equalize e -> Histogram.apply(out, (stats != null ? stats.histogram() : Histogram.of(in)).equalisation());
                case Operation.ColourConvert c when c.target() == Operation.ColourConvert.Target.BITONAL && stats != null ->
                        ColourConversion.bitonal(out, stats.histogram().otsuThreshold());
                case Operation.Scale s -> Resampler.resize(out, s.width(), s.height(), s.interpolation(), scaling);
                case Operation.Mirror m -> Mirroring.horizontal(out);
                case Operation.Rotate r -> Rotator.rotate(out, r);
                case Operation.ColourConvert c -> c.target() == Operation.ColourConvert.Target.GRAY
                        ? ColourConversion.grey(out) : ColourConversion.bitonal(out);
                case Operation.Encode e -> out;
            };
        }
        return out;
    }

    public byte[] encode(PixelImage image, Operation.Encode encode) {
        ImageEncoder encoder = codecs.encoder(encode.format())
                .orElseThrow(() -> new UnsupportedImageException("output format " + encode.format().extension() + " is not available"));
        try {
            return encoder.encode(flatten(image, encode.format()), quality(encode));
        } catch (IOException e) {
            // an encoder failure is ours, not the file's: the caller logs it once with the request
            throw new IllegalStateException("unable to encode " + image.width() + "x" + image.height() + "x"
                    + image.channels() + " as " + encode.format(), e);
        }
    }

    /** The quality the encoder gets: the request's, else the configured default for the format. */
    public int quality(Operation.Encode encode) {
        if (!encode.usesDefaultQuality()) return encode.quality();
        return encode.format().defaultQuality(config);
    }

    /** JPEG carries no alpha: drop it, as iipsrv drops extra bands (2 -> 1, 4 -> 3 channels). */
    static PixelImage flatten(PixelImage image, OutputFormat format) {
        int ch = image.channels();
        if (format != OutputFormat.JPEG || (ch != 2 && ch != 4)) return image;
        int och = ch - 1, n = image.width() * image.height();
        byte[] in = image.pixels(), out = new byte[n * och];
        for (int i = 0, s = 0, d = 0; i < n; i++, s += ch, d += och) {
            for (int c = 0; c < och; c++) out[d + c] = in[s + c];
        }
        return new PixelImage(image.width(), image.height(), och, out);
    }
}
