package org.tessera.request;

/**
 * Clockwise rotation in degrees [0,360), applied after an optional horizontal mirror
 * (IIIF "!" prefix; IIP ROT=!deg).
 */
public record Rotation(double degrees, boolean mirror) {
    public static final Rotation NONE = new Rotation(0, false);

    public Rotation {
        if (!Double.isFinite(degrees)) throw new IllegalArgumentException("rotation must be finite");
        degrees = ((degrees % 360) + 360) % 360;
    }

    public boolean isNone() { return degrees == 0 && !mirror; }

    public boolean isRightAngle() { return degrees % 90 == 0; }

    /** True when width and height trade places (90 and 270). */
    public boolean swapsAxes() { return degrees == 90 || degrees == 270; }
}
