package org.tessera.source;

import org.tessera.format.OutputFormat;

/**
 * A tile's bitstream as the file stores it, complete and standalone, ready to be sent without
 * decoding when a request asks for exactly this tile in this format.
 *
 * @param format      the encoding of {@code data}
 * @param data        a complete file in {@code format}, {@code codedWidth x codedHeight} pixels as coded
 * @param validWidth  pixels of it that lie inside the level (less than the coded width where the
 *                    writer padded an edge tile)
 * @param validHeight likewise for the bottom edge
 */
public record StoredTile(OutputFormat format, byte[] data, int codedWidth, int codedHeight, int validWidth,
                         int validHeight) {
    public boolean needsCrop() { return validWidth != codedWidth || validHeight != codedHeight; }
}
