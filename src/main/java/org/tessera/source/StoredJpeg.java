package org.tessera.source;

/**
 * A stored JPEG tile made standalone, with the size of the picture it holds.
 *
 * @param jpeg        complete JPEG file, always tileWidth x tileHeight pixels as coded
 * @param validWidth  pixels of it that lie inside the level (less than the coded width at the right edge)
 * @param validHeight likewise for the bottom edge
 */
public record StoredJpeg(byte[] jpeg, int codedWidth, int codedHeight, int validWidth, int validHeight) {
    public boolean needsCrop() { return validWidth != codedWidth || validHeight != codedHeight; }
}
