package org.tessera.cache;

/**
 * An encoded tile as it is sent.
 *
 * @param passThrough true when these are the stored bytes, never decoded
 */
public record EncodedTile(byte[] data, int width, int height, boolean passThrough) {
}
