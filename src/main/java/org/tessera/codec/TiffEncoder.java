package org.tessera.codec;

import org.tessera.config.TiffCompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * Single-image TIFF. None, LZW, Deflate and JPEG go through the JDK writer (strips); WebP and
 * ZSTD, which it lacks, through {@link TiledTiffWriter} (256 px tiles). Photometric follows the
 * channels: MinIsBlack for grey, RGB for colour (YCbCr with JPEG compression, as TIFF JPEG
 * requires; WebP widens grey to RGB, as libtiff's WebP codec requires), alpha as an extra sample.
 * Quality is iipsrv's TIFF_QUALITY: the Deflate level (1..9), the JPEG or WebP quality, or the
 * ZSTD level (1..19).
 */
public final class TiffEncoder implements ImageEncoder {
    private final ImageWriterSpi provider = ImageIoCodecs.jdkWriter("tiff");
    private final TiffCompression defaultCompression;
    private final TiledTiffWriter tiled;

    public TiffEncoder(TiffCompression defaultCompression) {
        this(defaultCompression, Optional.empty());
    }

    /**
     * @param webp libwebp, needed for WebP compression
     * @throws IllegalStateException when {@code defaultCompression} cannot be produced here
     */
    public TiffEncoder(TiffCompression defaultCompression, Optional<Webp> webp) {
        this.defaultCompression = defaultCompression;
        this.tiled = new TiledTiffWriter(webp);
        if (defaultCompression == TiffCompression.WEBP && webp.isEmpty()) {
            throw new IllegalStateException("WebP compression inside TIFF needs libwebp, which is not loaded");
        }
        if (defaultCompression == TiffCompression.ZSTD) ZstdCheck.require();
    }

    @Override
    public OutputFormat format() { return OutputFormat.TIFF; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        return encode(image, defaultCompression, quality);
    }

    /** Encodes with a compression chosen per request (iipsrv's QLT=compression:quality). */
    public byte[] encode(PixelImage image, TiffCompression compression, int quality) throws IOException {
        if (compression == TiffCompression.WEBP || compression == TiffCompression.ZSTD) {
            return tiled.write(image, compression == TiffCompression.WEBP, quality);
        }
        ImageWriter writer = ImageIoCodecs.newWriter(provider);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.pixels().length / 2 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setTilingMode(ImageWriteParam.MODE_DISABLED);
            int bands = image.channels();
            switch (compression) {
                case NONE -> param.setCompressionMode(ImageWriteParam.MODE_DISABLED);
                case LZW -> explicit(param, "LZW");
                case DEFLATE -> {
                    // "ZLib" is Adobe Deflate (Compression 8), what libtiff and iipsrv write;
                    // the JDK's "Deflate" is the obsolete PKZIP code 32946.
                    explicit(param, "ZLib");
                    param.setCompressionQuality(deflateQuality(quality));
                }
                case WEBP, ZSTD -> throw new AssertionError("written by TiledTiffWriter");
                case JPEG -> {
                    explicit(param, "JPEG");
                    param.setCompressionQuality(Math.clamp(quality, 1, 100) / 100f);
                    // TIFF JPEG takes 1 or 3 bands only.
                    bands = bands <= 2 ? 1 : 3;
                }
            }
            writer.write(null, new IIOImage(BufferedImages.wrap(image, bands), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void explicit(ImageWriteParam param, String type) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(type);
    }

    /**
     * The JDK TIFF deflater uses level {@code (int) (1 + 8 * quality)}; level L (1..9) is therefore
     * quality (L - 1) / 8, exact in binary floating point. iipsrv caps the level at 9.
     */
    static float deflateQuality(int level) {
        return (Math.clamp(level, 1, 9) - 1) / 8f;
    }
}
