package org.tessera.pipeline;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.codec.Codecs;
import org.tessera.codec.ImageEncoder;
import org.tessera.config.Config;
import org.tessera.http.HttpError;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.request.OutputFormat;
import org.tessera.source.ImageSource;

/** Executes a {@link Plan}: reads the region, applies the operations in order, encodes. */
public final class Renderer {
    private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

    private final Config config;
    private final Codecs codecs;
    private final RegionReader reader;

    public Renderer(Config config, Codecs codecs, RegionReader reader) {
        this.config = config;
        this.codecs = codecs;
        this.reader = reader;
    }

    /** Pixels of the plan's region, after every operation except the encoding. */
    public PixelImage pixels(ImageSource source, String identifier, Plan plan, boolean cacheDecoded)
            throws IOException {
        // A first Scale step will resize whatever it gets: the reader may decode smaller than the
        // level (never smaller than the output), which is most of the work saved on a reduction.
        int minWidth = plan.region().width(), minHeight = plan.region().height();
        if (!plan.operations().isEmpty() && plan.operations().get(0) instanceof Operation.Scale s) {
            minWidth = s.width();
            minHeight = s.height();
        }
        PixelImage image = reader.read(source, identifier, plan.page(), plan.levelIndex(), plan.region(), minWidth,
                minHeight, cacheDecoded);
        return apply(image, plan.operations());
    }

    /**
     * Heap bytes a render of {@code plan} holds at its peak, for the service's memory gate: the
     * region as the reader will decode it (reduced when the first step scales down), the output of
     * the first step, and one more output-sized image per further pixel operation.
     */
    public long estimateBytes(ImageSource source, Plan plan) {
        long channels = Math.max(1, Math.min(4, source.info().channels()));
        Dimension out = plan.outputSize();
        int minWidth = plan.region().width(), minHeight = plan.region().height();
        List<Operation> ops = plan.operations();
        if (!ops.isEmpty() && ops.get(0) instanceof Operation.Scale s) {
            minWidth = s.width();
            minHeight = s.height();
        }
        int n = RegionReader.eighths(source, plan.page(), plan.levelIndex(), plan.level(), plan.region(), minWidth, minHeight);
        Rect read = RegionReader.scaled(plan.region(), n, plan.level());
        long steps = ops.stream().filter(op -> !(op instanceof Operation.Encode)).count();
        if (!ops.isEmpty() && ops.get(0) instanceof Operation.Scale s && s.width() == read.width() && s.height() == read.height()) {
            steps--; // the reduced decode already has the output size: the scale step returns it as is
        }
        return channels * ((long) read.width() * read.height() + out.area() * steps) + (1L << 20);
    }

    /** Applies every pixel operation in order; the Encode step is left to {@link #encode}. */
    public static PixelImage apply(PixelImage image, List<Operation> operations) {
        PixelImage out = image;
        for (Operation op : operations) {
            out = switch (op) {
                case Operation.Scale s -> Resampler.resize(out, s.width(), s.height(), s.interpolation());
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
                .orElseThrow(() -> HttpError.badRequest("format not supported"));
        try {
            return encoder.encode(flatten(image, encode.format()), quality(encode));
        } catch (IOException | RuntimeException e) {
            // an encoder failure is ours, not the file's: say so, and keep the details in the log
            LOG.warn("unable to encode {}x{}x{} as {}: {}", image.width(), image.height(), image.channels(),
                    encode.format(), e.toString());
            throw new HttpError(500, "unable to encode image");
        }
    }

    /** The quality the encoder gets: the request's, else the configured default for the format. */
    public int quality(Operation.Encode encode) {
        if (!encode.usesDefaultQuality()) return encode.quality();
        return switch (encode.format()) {
            case JPEG -> config.jpegQuality();
            case PNG -> config.pngQuality();
            case WEBP -> config.webpQuality();
            case TIFF -> config.tiffQuality();
        };
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
