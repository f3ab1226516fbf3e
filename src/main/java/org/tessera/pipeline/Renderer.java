package org.tessera.pipeline;

import java.io.IOException;
import java.util.List;
import org.tessera.codec.Codecs;
import org.tessera.codec.ImageEncoder;
import org.tessera.config.Config;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;
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
