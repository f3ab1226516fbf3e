package org.tessera.codec;

import org.tessera.config.TiffCompression;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.format.OutputFormat;

/**
 * The process's codecs: libjpeg-turbo, libwebp and libavif when they load (each independently),
 * JDK ImageIO otherwise (JPEG, PNG, GIF, TIFF). Build once at start-up with {@link #detect};
 * close at shutdown.
 */
public final class DefaultCodecs implements Codecs, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCodecs.class);

    private final Optional<TurboJpeg> turbo;
    private final Optional<Webp> webp;
    private final Optional<OpenJpeg> openJpeg;
    private final Optional<NativeScaling> scaling;
    private final JpegDecoder jpegDecoder;
    private final Map<OutputFormat, ImageEncoder> encoders = new EnumMap<>(OutputFormat.class);

    /**
     * Codecs over the given native libraries; an empty one selects the JDK fallback (JPEG) or
     * leaves the format out (WebP). {@code new DefaultCodecs(Optional.empty(), Optional.empty(),
     * TiffCompression.DEFLATE)} forces the pure-JDK set, for tests.
     */
    public DefaultCodecs(Optional<TurboJpeg> turbo, Optional<Webp> webp, TiffCompression tiffCompression) {
        this(turbo, webp, Optional.empty(), tiffCompression);
    }

    /**
     * @throws IllegalStateException when {@code tiffCompression} cannot be produced with these
     *                               libraries (WebP without libwebp)
     */
    public DefaultCodecs(Optional<TurboJpeg> turbo, Optional<Webp> webp, Optional<Avif> avif, TiffCompression tiffCompression) {
        this(turbo, webp, avif, Optional.empty(), tiffCompression);
    }

    /** As above, with OpenJPEG for JPEG 2000 input and output when present. */
    public DefaultCodecs(Optional<TurboJpeg> turbo, Optional<Webp> webp, Optional<Avif> avif, Optional<OpenJpeg> openJpeg,
                         TiffCompression tiffCompression) {
        this(turbo, webp, avif, openJpeg, Optional.empty(), tiffCompression);
    }

    /** As above, with native bilinear reductions when pixman and libyuv are present. */
    public DefaultCodecs(Optional<TurboJpeg> turbo, Optional<Webp> webp, Optional<Avif> avif, Optional<OpenJpeg> openJpeg,
                         Optional<NativeScaling> scaling, TiffCompression tiffCompression) {
        this.openJpeg = openJpeg;
        this.scaling = scaling;
        this.turbo = turbo;
        this.webp = webp;
        this.jpegDecoder = turbo.<JpegDecoder>map(TurboJpegDecoder::new).orElseGet(ImageIoJpegDecoder::new);
        encoders.put(OutputFormat.JPEG, turbo.<ImageEncoder>map(TurboJpegEncoder::new).orElseGet(ImageIoJpegEncoder::new));
        encoders.put(OutputFormat.PNG, new PngEncoder());
        webp.ifPresent(w -> encoders.put(OutputFormat.WEBP, new WebpEncoder(w)));
        avif.ifPresent(a -> encoders.put(OutputFormat.AVIF, new AvifEncoder(a)));
        encoders.put(OutputFormat.GIF, new GifEncoder());
        encoders.put(OutputFormat.TIFF, new TiffEncoder(tiffCompression, webp));
        openJpeg.ifPresent(o -> encoders.put(OutputFormat.JP2, new Jp2Encoder(o)));
    }

    /** Pure JDK codecs (no native library): JPEG via ImageIO, no WebP, no AVIF. */
    public static DefaultCodecs jdkOnly(TiffCompression tiffCompression) {
        return new DefaultCodecs(Optional.empty(), Optional.empty(), tiffCompression);
    }

    /** {@link #detect(TiffCompression)} with iipsrv's default TIFF_COMPRESSION (Deflate). */
    public static DefaultCodecs detect() {
        return detect(TiffCompression.DEFLATE);
    }

    /** {@link #detect(TiffCompression, int)} with libavif's own choice of AV1 encoder. */
    public static DefaultCodecs detect(TiffCompression tiffCompression) {
        return detect(tiffCompression, 0);
    }

    /**
     * Loads what native libraries are installed and logs, once, what each format will use.
     *
     * @param avifCodec iipsrv's AVIF_CODEC (0 auto, 1 aom, 2 rav1e, 3 svt)
     * @throws IllegalStateException when the TIFF compression cannot be produced here
     */
    public static DefaultCodecs detect(TiffCompression tiffCompression, int avifCodec) {
        Optional<TurboJpeg> turbo = load("JPEG", TurboJpeg::load, t -> "libjpeg-turbo 2.x via JNA",
                "falling back to JDK ImageIO (several times slower)");
        Optional<Webp> webp = load("WEBP", Webp::load, w -> "libwebp via JNA", "WebP output disabled");
        Optional<Avif> avif = load("AVIF", () -> Avif.load(avifCodec),
                a -> "libavif " + AvifNative.avifVersion() + " via JNA, AV1 encoder " + a.codecName(), "AVIF output disabled");
        Optional<OpenJpeg> openJpeg = load("JPEG 2000", OpenJpeg::load, o -> "OpenJPEG " + o.version() + " via JNA",
                "JPEG 2000 images will not open and JP2 output is disabled");
        Optional<NativeScaling> scaling = load("Scaling", NativeScaling::load,
                n -> "pixman " + n.version() + " and libyuv via JNA for bilinear reductions",
                "bilinear reductions are done in Java (slower)");
        return new DefaultCodecs(turbo, webp, avif, openJpeg, scaling, tiffCompression);
    }

    /**
     * One native library, loaded: logged once as what the format will use, or, when it cannot be
     * used ({@code load} throws IllegalStateException with the reason), as what goes without it.
     */
    private static <T> Optional<T> load(String format, java.util.function.Supplier<T> load,
                                        java.util.function.Function<T, String> using, String without) {
        try {
            T loaded = load.get();
            LOG.info("{}: {}", format, using.apply(loaded));
            return Optional.of(loaded);
        } catch (IllegalStateException e) {
            LOG.warn("{}: {}; {}", format, e.getMessage(), without);
            return Optional.empty();
        }
    }

    @Override
    public Optional<OpenJpeg> openJpeg() { return openJpeg; }

    @Override
    public Optional<NativeScaling> scaler() { return scaling; }

    @Override
    public JpegDecoder jpegDecoder() { return jpegDecoder; }

    @Override
    public Optional<ImageEncoder> encoder(OutputFormat format) { return Optional.ofNullable(encoders.get(format)); }

    @Override
    public boolean nativeJpeg() { return turbo.isPresent(); }

    @Override
    public Optional<byte[]> losslessCrop(byte[] jpeg, int width, int height) {
        if (turbo.isEmpty()) return Optional.empty();
        try {
            return Optional.of(turbo.get().losslessCrop(jpeg, width, height));
        } catch (java.io.IOException e) {
            // the caller falls back to decode + encode; the tile itself may still decode
            LOG.debug("lossless crop refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** libjpeg-turbo itself, for lossless crops of pass-through tiles; empty on the JDK fallback. */
    public Optional<TurboJpeg> turboJpeg() { return turbo; }

    @Override
    public Optional<WebpDecoder> webpDecoder() { return webp.map(WebpDecoder::new); }

    @Override
    public void close() {
        turbo.ifPresent(TurboJpeg::close);
    }
}
