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
 * JDK ImageIO JPEG encoder: the fallback when libjpeg-turbo is not installed. Writes JFIF with
 * the JDK's default 4:2:0 sampling for colour; alpha is dropped.
 */
public final class ImageIoJpegEncoder implements ImageEncoder {
    private final ImageWriterSpi provider = ImageIoCodecs.jdkWriter("jpeg");

    @Override
    public OutputFormat format() { return OutputFormat.JPEG; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        int bands = image.channels() <= 2 ? 1 : 3;
        ImageWriter writer = ImageIoCodecs.newWriter(provider);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.pixels().length / 8 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(Math.clamp(quality, 1, 100) / 100f);
            writer.write(null, new IIOImage(BufferedImages.wrap(image, bands), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
