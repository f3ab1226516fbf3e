package org.tessera.pipeline.process;

import org.tessera.image.SampleRaster;
import org.tessera.request.Processing.HillShade;

/**
 * SHD: lights a surface-normal image (RGB = normal, 0.5 = zero component) from a direction, as
 * iipsrv does: light s = (+-sqrt(1 - cos^2 a), cos a, -sin e) normalised, normal n = -(p - 0.5) * 2
 * (all-zero pixels are "no data" with n = 0), out = clamp(0.5 * s.n, 0, 1), one channel.
 */
final class HillShading {
    private HillShading() {
    }

    static SampleRaster apply(SampleRaster in, HillShade light) {
        if (in.channels() < 3) throw new org.tessera.error.InvalidRequestException("SHD needs a 3-channel surface-normal image");
        double a = Math.toRadians(light.azimuth()), e = Math.toRadians(light.elevation());
        double sx = Math.sqrt(1 - Math.cos(a) * Math.cos(a));
        if (light.azimuth() > 180) sx = -sx;
        double sy = Math.cos(a), sz = -Math.sin(e);
        double len = Math.sqrt(sx * sx + sy * sy + sz * sz);
        sx /= len;
        sy /= len;
        sz /= len;
        int ch = in.channels(), n = in.pixelCount();
        float[] s = in.samples(), out = new float[n];
        for (int i = 0; i < n; i++) {
            float r = s[i * ch], g = s[i * ch + 1], b = s[i * ch + 2];
            if (r == 0 && g == 0 && b == 0) {
                out[i] = 0;
                continue;
            }
            double nx = -(r - 0.5) * 2, ny = -(g - 0.5) * 2, nz = -(b - 0.5) * 2;
            double v = 0.5 * (sx * nx + sy * ny + sz * nz);
            out[i] = (float) Math.max(0, Math.min(1, v));
        }
        return new SampleRaster(in.width(), in.height(), 1, out);
    }
}
