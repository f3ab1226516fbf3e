package org.tessera.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.tessera.codec.JpegDecoder;
import org.tessera.image.PixelImage;

/** A JpegDecoder over the JDK's ImageIO, for tests that must not depend on libjpeg-turbo. */
public final class ImageIoJpegDecoder implements JpegDecoder {
    @Override
    public PixelImage decode(byte[] jpeg, int offset, int length) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg, offset, length));
        if (img == null) throw new IOException("not a JPEG ImageIO can read");
        return toPixels(img);
    }

    public static PixelImage toPixels(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] s = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] p = new byte[w * h];
            for (int i = 0; i < p.length; i++) p[i] = (byte) s[i];
            return new PixelImage(w, h, 1, p);
        }
        byte[] p = new byte[w * h * 3];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                p[i++] = (byte) (rgb >> 16);
                p[i++] = (byte) (rgb >> 8);
                p[i++] = (byte) rgb;
            }
        }
        return new PixelImage(w, h, 3, p);
    }
}
