package org.tessera.pipeline;

import org.tessera.image.PixelImage;

/**
 * Clockwise rotation. Right angles move pixels exactly; any other angle samples bilinearly onto
 * the rotated bounding box (IIIF 3), with a white or (when the target keeps alpha) transparent
 * background outside the source.
 */
public final class Rotator {
    private Rotator() {
    }

    public static PixelImage rotate(PixelImage src, Operation.Rotate op) {
        double deg = op.degrees();
        if (deg == 0) return src;
        if (deg == 90) return rotate90(src);
        if (deg == 180) return rotate180(src);
        if (deg == 270) return rotate270(src);
        return rotateArbitrary(src, op);
    }

    /** out(x', y') = in(y', h-1-x'): the top-left corner lands top-right. */
    public static PixelImage rotate90(PixelImage src) {
        int w = src.width(), h = src.height(), ch = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        // walk the source row by row (sequential reads); each source row becomes an output column
        for (int y = 0; y < h; y++) {
            int s = y * w * ch;
            int xOut = h - 1 - y;
            for (int x = 0; x < w; x++) {
                int d = (x * h + xOut) * ch;
                for (int c = 0; c < ch; c++) out[d + c] = in[s++];
            }
        }
        return new PixelImage(h, w, ch, out);
    }

    public static PixelImage rotate180(PixelImage src) {
        int ch = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        int n = src.width() * src.height();
        for (int i = 0, d = (n - 1) * ch; i < n; i++, d -= ch) {
            int s = i * ch;
            for (int c = 0; c < ch; c++) out[d + c] = in[s + c];
        }
        return new PixelImage(src.width(), src.height(), ch, out);
    }

    /** out(x', y') = in(w-1-y', x'): the top-left corner lands bottom-left. */
    public static PixelImage rotate270(PixelImage src) {
        int w = src.width(), h = src.height(), ch = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            int s = y * w * ch;
            for (int x = 0; x < w; x++) {
                int d = ((w - 1 - x) * h + y) * ch;
                for (int c = 0; c < ch; c++) out[d + c] = in[s++];
            }
        }
        return new PixelImage(h, w, ch, out);
    }

    public static PixelImage rotateArbitrary(PixelImage src, Operation.Rotate op) {
        int w = src.width(), h = src.height(), ch = src.channels();
        Dimension size = op.outputSize(new Dimension(w, h));
        int ow = size.width(), oh = size.height();
        boolean transparent = op.transparentBackground();
        boolean srcAlpha = ch == 2 || ch == 4;
        int colour = srcAlpha ? ch - 1 : ch;          // colour channels; alpha, if any, is last
        int och = transparent && !srcAlpha ? ch + 1 : ch;
        boolean outAlpha = och > colour;
        byte[] in = src.pixels();
        byte[] out = new byte[ow * oh * och];
        double r = Math.toRadians(op.degrees());
        double cos = Math.cos(r), sin = Math.sin(r);
        double cxIn = w / 2.0, cyIn = h / 2.0, cxOut = ow / 2.0, cyOut = oh / 2.0;
        int[] acc = new int[colour + 1];
        for (int y = 0; y < oh; y++) {
            double dy = y + 0.5 - cyOut;
            for (int x = 0; x < ow; x++) {
                double dx = x + 0.5 - cxOut;
                // inverse of a clockwise turn (y axis points down): source position of the output pixel centre
                double sx = dx * cos + dy * sin + cxIn - 0.5;
                double sy = -dx * sin + dy * cos + cyIn - 0.5;
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                int fx = (int) ((sx - x0) * 256), fy = (int) ((sy - y0) * 256);
                java.util.Arrays.fill(acc, 0);
                int inside = 0;
                inside += sample(in, w, h, ch, colour, x0, y0, (256 - fx) * (256 - fy), acc);
                inside += sample(in, w, h, ch, colour, x0 + 1, y0, fx * (256 - fy), acc);
                inside += sample(in, w, h, ch, colour, x0, y0 + 1, (256 - fx) * fy, acc);
                inside += sample(in, w, h, ch, colour, x0 + 1, y0 + 1, fx * fy, acc);
                int o = (y * ow + x) * och;
                if (transparent) {
                    // colour from the covered neighbours only (no dark or light fringe); coverage becomes alpha
                    for (int c = 0; c < colour; c++) out[o + c] = (byte) (inside == 0 ? 0 : (acc[c] + inside / 2) / inside);
                } else {
                    int white = 255 * (65536 - inside);
                    for (int c = 0; c < colour; c++) out[o + c] = (byte) ((acc[c] + white + 32768) >> 16);
                }
                if (outAlpha) {
                    int a = transparent ? acc[colour] : acc[colour] + 255 * (65536 - inside);
                    out[o + och - 1] = (byte) ((a + 32768) >> 16);
                }
            }
        }
        return new PixelImage(ow, oh, och, out);
    }

    /** Adds one weighted neighbour if it lies inside the source; returns the weight used. */
    private static int sample(byte[] in, int w, int h, int ch, int colour, int x, int y, int weight, int[] acc) {
        if (weight == 0 || x < 0 || y < 0 || x >= w || y >= h) return 0;
        int i = (y * w + x) * ch;
        for (int c = 0; c < colour; c++) acc[c] += (in[i + c] & 0xFF) * weight;
        acc[colour] += (ch > colour ? in[i + ch - 1] & 0xFF : 255) * weight;
        return weight;
    }
}
