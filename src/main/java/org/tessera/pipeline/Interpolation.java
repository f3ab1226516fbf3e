package org.tessera.pipeline;

/** Resampling method, as iipsrv's INTERPOLATION variable chooses it (0 nearest, anything else bilinear). */
public enum Interpolation {
    NEAREST, BILINEAR;

    public static Interpolation fromConfig(int interpolation) { return interpolation == 0 ? NEAREST : BILINEAR; }
}
