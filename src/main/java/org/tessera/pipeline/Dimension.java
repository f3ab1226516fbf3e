package org.tessera.pipeline;

/** A pixel size. */
public record Dimension(int width, int height) {
    public Dimension {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("bad size " + width + "x" + height);
    }

    public long area() { return (long) width * height; }
}
