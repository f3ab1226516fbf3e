package org.tessera.pipeline.process;

import org.tessera.image.SampleRaster;
import org.tessera.request.Processing.ColourMap;

/** CMP: channel 0 (normalised 0..1) through iipsrv's pseudo-colour maps into 3 channels. */
final class ColourMaps {
    private ColourMaps() {
    }

    static SampleRaster apply(SampleRaster in, ColourMap map) {
        int ch = in.channels(), n = in.pixelCount();
        float[] s = in.samples(), out = new float[n * 3];
        float[] rgb = new float[3];
        for (int i = 0; i < n; i++) {
            colour(map, s[i * ch], rgb);
            out[3 * i] = rgb[0];
            out[3 * i + 1] = rgb[1];
            out[3 * i + 2] = rgb[2];
        }
        return new SampleRaster(in.width(), in.height(), 3, out);
    }

    static void colour(ColourMap map, float v, float[] rgb) {
        float r = 0, g = 0, b = 0;
        switch (map) {
            case HOT -> {
                if (v <= 0) { } else if (v < 1f / 3) r = 3 * v;
                else if (v < 2f / 3) { r = 1; g = 3 * v - 1; }
                else if (v < 1) { r = 1; g = 1; b = 3 * v - 2; }
                else { r = 1; g = 1; b = 1; }
            }
            case COLD -> {
                if (v <= 0) { } else if (v < 1f / 3) b = 3 * v;
                else if (v < 2f / 3) { g = 3 * v - 1; b = 1; }
                else if (v < 1) { r = 3 * v - 2; g = 1; b = 1; }
                else { r = 1; g = 1; b = 1; }
            }
            case JET -> {
                if (v < 0) { } else if (v < 1f / 8) b = 4 * v + 0.5f;
                else if (v < 3f / 8) { g = 4 * v - 0.5f; b = 1; }
                else if (v < 5f / 8) { r = 4 * v - 1.5f; g = 1; b = 2.5f - 4 * v; }
                else if (v < 7f / 8) { r = 1; g = 3.5f - 4 * v; }
                else if (v < 1) r = 4.5f - 4 * v;
                else r = 0.5f;
            }
            case RED -> r = v;
            case GREEN -> g = v;
            case BLUE -> b = v;
        }
        rgb[0] = r;
        rgb[1] = g;
        rgb[2] = b;
    }
}
