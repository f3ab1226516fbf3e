package org.tessera.request;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pixel processing a request asks for (IIP CNT, GAM, INV, CMP, CTW, CNV, SHD, MINMAX and CNT's
 * histogram modes; IIIF extension qualities), already validated. Run on the full-precision
 * samples, in iipsrv's order: normalise (MINMAX), hill-shade, colour twist, gamma or log, invert,
 * colour map, convolution, contrast and quantise; equalisation runs later on 8-bit pixels.
 *
 * @param contrast     CNT factor (1 = none); ignored unless {@code contrastMode} is FACTOR
 * @param gamma        GAM exponent (1 = none); ignored when {@code logarithm}
 * @param twist        CTW matrix: one row per output channel, one column per input channel
 * @param kernel       CNV kernel, row-major, 1, 9 or 25 values (square, odd side, at most 5x5)
 * @param ranges       MINMAX overrides of the normalisation range, applied in order
 */
public record Processing(
        double contrast,
        ContrastMode contrastMode,
        double gamma,
        boolean logarithm,
        boolean invert,
        Optional<ColourMap> colourMap,
        Optional<double[][]> twist,
        Optional<double[]> kernel,
        Optional<HillShade> shading,
        List<SampleRange> ranges) {

    public static final Processing NONE = new Processing(1, ContrastMode.FACTOR, 1, false, false, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public enum ContrastMode { FACTOR, EQUALIZE, STRETCH }

    /** CMP colour maps of channel 0 (iipsrv's names). */
    public enum ColourMap { HOT, COLD, JET, BLUE, GREEN, RED }

    /** SHD: light from {@code azimuth} degrees clockwise from 12 o'clock, {@code elevation} degrees above the horizon. */
    public record HillShade(int azimuth, int elevation) {
    }

    /** MINMAX: the input range of one channel (0-based), or of every channel when {@code channel} is -1. */
    public record SampleRange(int channel, double min, double max) {
    }

    public Processing {
        if (!Double.isFinite(contrast) || !Double.isFinite(gamma)) throw new IllegalArgumentException("contrast and gamma must be finite");
        ranges = List.copyOf(ranges);
        twist = twist.map(m -> Arrays.stream(m).map(double[]::clone).toArray(double[][]::new));
        kernel = kernel.map(double[]::clone);
        kernel.ifPresent(k -> {
            if (k.length != 1 && k.length != 9 && k.length != 25) throw new IllegalArgumentException("a kernel has 1, 9 or 25 values");
        });
        twist.ifPresent(m -> {
            if (m.length == 0 || Arrays.stream(m).anyMatch(r -> r.length == 0)) throw new IllegalArgumentException("empty colour twist");
        });
    }

    /** True when nothing is asked for. */
    public boolean isNone() { return contrastMode == ContrastMode.FACTOR && !needsSampleStage(); }

    /** Processing whose result depends on the image's histogram (taken once per image, not per tile). */
    public boolean usesHistogram() { return contrastMode != ContrastMode.FACTOR; }

    /**
     * Whether the float stage must run: any value transform. Equalisation alone works on the
     * 8-bit output and does not need it.
     */
    public boolean needsSampleStage() {
        return contrast != 1 || contrastMode == ContrastMode.STRETCH || gamma != 1 || logarithm || invert
                || colourMap.isPresent() || twist.isPresent() || kernel.isPresent() || shading.isPresent() || !ranges.isEmpty();
    }

    /** iipsrv does not embed the source's ICC profile when the colours are no longer the source's. */
    public boolean replacesColours() { return colourMap.isPresent() || shading.isPresent() || twist.isPresent(); }

    public Processing withContrast(double factor) { return new Processing(factor, ContrastMode.FACTOR, gamma, logarithm, invert, colourMap, twist, kernel, shading, ranges); }

    public Processing withContrastMode(ContrastMode mode) { return new Processing(1, mode, gamma, logarithm, invert, colourMap, twist, kernel, shading, ranges); }

    public Processing withGamma(double g) { return new Processing(contrast, contrastMode, g, false, invert, colourMap, twist, kernel, shading, ranges); }

    public Processing withLogarithm() { return new Processing(contrast, contrastMode, 1, true, invert, colourMap, twist, kernel, shading, ranges); }

    public Processing withInvert(boolean v) { return new Processing(contrast, contrastMode, gamma, logarithm, v, colourMap, twist, kernel, shading, ranges); }

    public Processing withColourMap(ColourMap m) { return new Processing(contrast, contrastMode, gamma, logarithm, invert, Optional.of(m), twist, kernel, shading, ranges); }

    public Processing withTwist(double[][] m) { return new Processing(contrast, contrastMode, gamma, logarithm, invert, colourMap, Optional.of(m), kernel, shading, ranges); }

    public Processing withKernel(double[] k) { return new Processing(contrast, contrastMode, gamma, logarithm, invert, colourMap, twist, Optional.of(k), shading, ranges); }

    public Processing withShading(HillShade s) { return new Processing(contrast, contrastMode, gamma, logarithm, invert, colourMap, twist, kernel, Optional.of(s), ranges); }

    public Processing withRange(SampleRange r) {
        List<SampleRange> l = new java.util.ArrayList<>(ranges);
        l.add(r);
        return new Processing(contrast, contrastMode, gamma, logarithm, invert, colourMap, twist, kernel, shading, l);
    }
}
