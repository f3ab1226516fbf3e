package org.tessera.pipeline;

import org.tessera.format.OutputFormat;

/**
 * One step of a {@link Plan}. Each step knows the size it produces and whether it would change
 * the image at all, so the service can tell when a stored tile may be sent untouched.
 */
public sealed interface Operation permits Operation.Scale, Operation.Mirror, Operation.Rotate,
        Operation.ColourConvert, Operation.Encode {

    Dimension outputSize(Dimension in);

    boolean isNoOp(Dimension in);

    /** Resample to exactly width x height. */
    record Scale(int width, int height, Interpolation interpolation) implements Operation {
        public Scale {
            if (width <= 0 || height <= 0) throw new IllegalArgumentException("bad scale " + width + "x" + height);
        }

        @Override
        public Dimension outputSize(Dimension in) { return new Dimension(width, height); }

        @Override
        public boolean isNoOp(Dimension in) { return in.width() == width && in.height() == height; }
    }

    /** Horizontal mirror (applied before rotation, as IIIF "!" and IIP "ROT=!"). */
    record Mirror() implements Operation {
        @Override
        public Dimension outputSize(Dimension in) { return in; }

        @Override
        public boolean isNoOp(Dimension in) { return in.width() == 1; }
    }

    /**
     * Clockwise rotation. Right angles are exact; other angles produce the rotated bounding box
     * (IIIF 3), filled with {@code transparentBackground ? transparent : white} outside the image.
     */
    record Rotate(double degrees, boolean transparentBackground) implements Operation {
        public Rotate {
            if (!Double.isFinite(degrees)) throw new IllegalArgumentException("rotation must be finite");
            degrees = ((degrees % 360) + 360) % 360;
        }

        public boolean isRightAngle() { return degrees % 90 == 0; }

        @Override
        public Dimension outputSize(Dimension in) {
            if (degrees == 90 || degrees == 270) return new Dimension(in.height(), in.width());
            if (isRightAngle()) return in;
            double r = Math.toRadians(degrees);
            double c = Math.abs(Math.cos(r)), s = Math.abs(Math.sin(r));
            // The tiny epsilon keeps float noise (e.g. 141.42135623730954 for an exact result) from adding a pixel.
            int w = (int) Math.ceil(in.width() * c + in.height() * s - 1e-6);
            int h = (int) Math.ceil(in.width() * s + in.height() * c - 1e-6);
            return new Dimension(Math.max(1, w), Math.max(1, h));
        }

        @Override
        public boolean isNoOp(Dimension in) { return degrees == 0; }
    }

    /** Colour reduction; only planned when it changes the image (GRAY on colour, BITONAL always). */
    record ColourConvert(Target target) implements Operation {
        public enum Target { GRAY, BITONAL }

        @Override
        public Dimension outputSize(Dimension in) { return in; }

        @Override
        public boolean isNoOp(Dimension in) { return false; }
    }

    /** The final encoding; quality -1 means the configured default for the format. */
    record Encode(OutputFormat format, int quality) implements Operation {
        public boolean usesDefaultQuality() { return quality < 0; }

        @Override
        public Dimension outputSize(Dimension in) { return in; }

        /** Encoding always produces new bytes; pass-through is decided by the Plan, not here. */
        @Override
        public boolean isNoOp(Dimension in) { return false; }
    }
}
