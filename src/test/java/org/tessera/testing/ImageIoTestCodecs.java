package org.tessera.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.tessera.codec.Codecs;
import org.tessera.codec.ImageEncoder;
import org.tessera.codec.JpegDecoder;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/** Test codecs over javax.imageio: JPEG and PNG (and whatever else is asked for), counting encodes. */
public final class ImageIoTestCodecs implements Codecs {
    private final Set<OutputFormat> formats;
    private final AtomicInteger encodes = new AtomicInteger();

    public ImageIoTestCodecs() {
        this(EnumSet.of(OutputFormat.JPEG, OutputFormat.PNG));
    }

    public ImageIoTestCodecs(Set<OutputFormat> formats) {
        this.formats = EnumSet.copyOf(formats);
    }

    public int encodes() { return encodes.get(); }

    @Override
    public JpegDecoder jpegDecoder() {
        return (jpeg, offset, length) -> fromBuffered(read(java.util.Arrays.copyOfRange(jpeg, offset, offset + length)));
    }

    @Override
    public Optional<ImageEncoder> encoder(OutputFormat format) {
        if (!formats.contains(format)) return Optional.empty();
        return Optional.of(new ImageEncoder() {
            @Override
            public OutputFormat format() { return format; }

            @Override
            public byte[] encode(PixelImage image, int quality) throws IOException {
                encodes.incrementAndGet();
                return write(image, format, quality);
            }
        });
    }

    @Override
    public boolean nativeJpeg() { return false; }

    public static BufferedImage read(byte[] data) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
        if (img == null) throw new IOException("not an image");
        return img;
    }

    public static BufferedImage toBuffered(PixelImage p) {
        int ch = p.channels();
        int type = switch (ch) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_INT_RGB;
            default -> BufferedImage.TYPE_INT_ARGB;
        };
        BufferedImage img = new BufferedImage(p.width(), p.height(), type);
        int bands = ch == 2 ? 4 : ch;
        int[] samples = new int[p.width() * p.height() * bands];
        byte[] px = p.pixels();
        for (int i = 0, k = 0; i < p.width() * p.height(); i++) {
            if (ch == 2) {
                int g = px[i * 2] & 0xFF;
                samples[k++] = g;
                samples[k++] = g;
                samples[k++] = g;
                samples[k++] = px[i * 2 + 1] & 0xFF;
            } else {
                for (int c = 0; c < ch; c++) samples[k++] = px[i * ch + c] & 0xFF;
            }
        }
        img.getRaster().setPixels(0, 0, p.width(), p.height(), samples);
        return img;
    }

    public static PixelImage fromBuffered(BufferedImage img) {
        boolean grey = img.getColorModel().getNumComponents() == 1;
        int ch = grey ? 1 : 3;
        PixelImage out = PixelImage.blank(img.getWidth(), img.getHeight(), ch);
        byte[] p = out.pixels();
        int k = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (grey) {
                    p[k++] = (byte) img.getRaster().getSample(x, y, 0);
                } else {
                    int rgb = img.getRGB(x, y);
                    p[k++] = (byte) (rgb >> 16);
                    p[k++] = (byte) (rgb >> 8);
                    p[k++] = (byte) rgb;
                }
            }
        }
        return out;
    }

    public static byte[] write(PixelImage image, OutputFormat format, int quality) throws IOException {
        BufferedImage img = toBuffered(image);
        String name = switch (format) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case TIFF -> "tiff";
            case WEBP -> "webp";
            case GIF -> "gif";
            case AVIF -> throw new IOException("no ImageIO writer for AVIF");
        };
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == OutputFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(Math.max(1, Math.min(100, quality)) / 100f);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
