package org.tessera.image;

/**
 * CIELAB (D65) to sRGB exactly as iipsrv converts it (behaviour reference 13.6): stored samples
 * are decoded as TIFF stores Lab (8-bit: L 0..255 for 0..100, a and b signed bytes; 16-bit: L
 * 0..65535, a and b signed in 1/256 units; float: L, a, b as they are), converted through XYZ with
 * the IEC 61966-2-1 matrix, and gamma encoded to 0..1.
 */
public final class CieLab {
    private static final double XN = 95.047, YN = 100.0, ZN = 108.8827;

    private CieLab() {
    }

    /**
     * The first three channels of {@code lab} as sRGB 0..1; further channels (alpha) are copied
     * scaled to 0..1 by {@code alphaMax}.
     *
     * @param bits stored bits per sample: 8, 16, or 32 for float values
     */
    public static SampleRaster toSrgb(SampleRaster lab, int bits, SampleFormat format, double alphaMax) {
        int ch = lab.channels();
        if (ch < 3) throw new IllegalArgumentException("CIELAB needs 3 channels, got " + ch);
        float[] in = lab.samples(), out = new float[in.length];
        double[] rgb = new double[3];
        for (int i = 0; i < in.length; i += ch) {
            double l, a, b;
            if (format == SampleFormat.FLOAT) {
                l = in[i];
                a = in[i + 1];
                b = in[i + 2];
            } else if (bits <= 8) {
                l = in[i] / 2.55;
                a = in[i + 1];
                b = in[i + 2];
            } else {
                l = ((int) in[i] >> 1) / 327.67;
                a = (int) in[i + 1] >> 8;
                b = (int) in[i + 2] >> 8;
            }
            srgb(l, a, b, rgb);
            out[i] = (float) rgb[0];
            out[i + 1] = (float) rgb[1];
            out[i + 2] = (float) rgb[2];
            for (int c = 3; c < ch; c++) out[i + c] = (float) (alphaMax > 0 ? in[i + c] / alphaMax : in[i + c]);
        }
        return new SampleRaster(lab.width(), lab.height(), ch, out);
    }

    /** One Lab colour (L 0..100) to gamma-encoded sRGB 0..1, into {@code rgb}. */
    public static void srgb(double l, double a, double b, double[] rgb) {
        double y, fy;
        if (l < 8.0) {
            y = l * 100.0 / 903.3;
            fy = 7.787 * (y / 100.0) + 16.0 / 116.0;
        } else {
            fy = (l + 16.0) / 116.0;
            y = 100.0 * fy * fy * fy;
        }
        double fx = a / 500.0 + fy, fz = fy - b / 200.0;
        double x = fx >= 0.2069 ? XN * fx * fx * fx : XN * (fx - 0.13793) / 7.787;
        double z = fz >= 0.2069 ? ZN * fz * fz * fz : ZN * (fz - 0.13793) / 7.787;
        x /= 100.0;
        y /= 100.0;
        z /= 100.0;
        rgb[0] = gamma(3.2406255 * x - 1.537208 * y - 0.4986286 * z);
        rgb[1] = gamma(-0.9689307 * x + 1.8757561 * y + 0.0415175 * z);
        rgb[2] = gamma(0.0557101 * x - 0.2040211 * y + 1.0569959 * z);
    }

    private static double gamma(double v) {
        if (v < 0) v = 0;
        v = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1.0 / 2.4) - 0.055;
        return Math.min(v, 1.0);
    }
}
