package org.tessera.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * PNG via the JDK writer. Quality is the zlib level 0..9 (iipsrv's PNG_QUALITY). Channels map to
 * PNG colour types: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
 */
public final class PngEncoder implements ImageEncoder {
    private final ImageWriterSpi provider = ImageIoCodecs.jdkWriter("png");

    @Override
    public OutputFormat format() { return OutputFormat.PNG; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        int level = Math.clamp(quality, 0, 9);
        ImageWriter writer = ImageIoCodecs.newWriter(provider);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.pixels().length / 4 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(compressionQuality(level));
            // The JDK default (Adam7 interlacing) would make files bigger and slower to write.
            param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(BufferedImages.wrap(image), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The JDK PNG writer computes its deflate level as {@code 9 - Math.round(9f * quality)}; this is
     * the exact inverse, so level L gives quality (9 - L) / 9.
     */
    static float compressionQuality(int level) {
        return (9 - level) / 9f;
    }
}
