package org.tessera.service;

import org.tessera.format.OutputFormat;

/**
 * An encoded response image.
 *
 * @param passThrough true when the stored bitstream was sent without decoding
 */
public record RenderedImage(byte[] data, OutputFormat format, int width, int height, boolean passThrough) {
}
