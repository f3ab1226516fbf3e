package org.tessera.protocol.iiif;

import org.tessera.config.Config;
import org.tessera.pipeline.Planner;

/**
 * The output size limits a IIIF client is told about and held to: maxWidth and maxHeight from
 * MAX_CVT, and maxArea, the renderer's own ceiling, which is declared only where it binds (MAX_CVT
 * unlimited, or above the ceiling's square root).
 */
record SizeLimits(int maxWidth, int maxHeight, long maxArea, boolean widthDeclared, boolean areaDeclared) {

    static SizeLimits of(Config config) {
        int max = config.maxCvtBound();
        long square = (long) max * max;
        long area = Math.min(square, Planner.MAX_PIXELS);
        return new SizeLimits(max, max, area, config.maxCvt() >= 0, square > Planner.MAX_PIXELS);
    }

    /** True when a w x h image is within every limit. */
    boolean allows(long w, long h) {
        return w <= maxWidth && h <= maxHeight && w * h <= maxArea;
    }
}
