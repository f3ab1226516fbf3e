package org.tessera.protocol.iip;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.tessera.http.HttpError;
import org.tessera.request.ImageRequest;
import org.tessera.service.ImageService;
import org.tessera.service.RenderedImage;
import org.tessera.source.ImageSource;
import org.tessera.testing.TestPattern;

/**
 * A small real renderer for protocol tests: samples the requested region of the full-resolution
 * TestPattern (nearest neighbour) at the requested size, applies right-angle rotation and mirror,
 * encodes with javax.imageio (JPEG, PNG, TIFF), and records every request.
 */
public final class RecordingImageService implements ImageService {
    public final List<ImageRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public RenderedImage render(ImageSource source, ImageRequest r) {
        requests.add(r);
        int w = r.width(), h = r.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = r.region().x() + (int) ((x + 0.5) * r.region().width() / w);
                int sy = r.region().y() + (int) ((y + 0.5) * r.region().height() / h);
                int[] c = TestPattern.rgb(sx, sy);
                img.setRGB(x, y, (c[0] << 16) | (c[1] << 8) | c[2]);
            }
        }
        if (r.rotation().mirror()) img = transform(img, false, 0);
        int deg = (int) r.rotation().degrees();
        if (deg != 0) img = transform(img, true, deg);
        String type = switch (r.format()) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case TIFF -> "tiff";
            case WEBP -> throw HttpError.notImplemented("no WebP encoder in tests");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, type, out)) throw new IOException("no writer for " + type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedImage(out.toByteArray(), r.format(), img.getWidth(), img.getHeight(), false);
    }

    private static BufferedImage transform(BufferedImage in, boolean rotate, int degrees) {
        int w = in.getWidth(), h = in.getHeight();
        boolean swap = rotate && (degrees == 90 || degrees == 270);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = in.getRGB(x, y);
                if (!rotate) out.setRGB(w - 1 - x, y, rgb);
                else if (degrees == 90) out.setRGB(h - 1 - y, x, rgb);
                else if (degrees == 180) out.setRGB(w - 1 - x, h - 1 - y, rgb);
                else out.setRGB(y, w - 1 - x, rgb);
            }
        }
        return out;
    }

    @Override
    public void clearCaches() {
    }
}
