package org.tessera.codec;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * GIF via the JDK writer, for IIIF's {@code gif} format. Grey is written with an exact 256-level
 * grey palette; colour is reduced to 256 colours by the JDK's palette builder (images with few
 * colours stay exact). GIF has no partial transparency: alpha is dropped, as for JPEG. Quality
 * does not apply.
 */
public final class GifEncoder implements ImageEncoder {
    private static final IndexColorModel GREYS = greys();
    private final ImageWriterSpi provider = ImageIoCodecs.jdkWriter("gif");

    @Override
    public OutputFormat format() { return OutputFormat.GIF; }

    @Override
    public byte[] encode(PixelImage image, int quality) throws IOException {
        BufferedImage img = image.channels() <= 2 ? greyIndexed(image) : BufferedImages.wrap(image, 3);
        ImageWriter writer = ImageIoCodecs.newWriter(provider);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.width() * image.height() / 2 + 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static BufferedImage greyIndexed(PixelImage image) {
        int w = image.width(), h = image.height(), ch = image.channels();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, GREYS);
        byte[] src = image.pixels();
        byte[] dst = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < w * h; i++) dst[i] = src[i * ch];
        return img;
    }

    private static IndexColorModel greys() {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) ramp[i] = (byte) i;
        return new IndexColorModel(8, 256, ramp, ramp, ramp);
    }
}
