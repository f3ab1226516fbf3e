package org.tessera.source;

import org.tessera.format.OutputFormat;

/**
 * A tile's bitstream as the file stores it, complete and standalone, ready to be sent without
 * decoding when a request asks for exactly this tile in this format.
 *
 * @param format      the encoding of the bitstream
 * @param bytes       an array whose first {@code length} bytes are a complete file in {@code format},
 *                    {@code codedWidth x codedHeight} pixels as coded (longer than that when the
 *                    caller lent a pooled array to read it into)
 * @param validWidth  pixels of it that lie inside the level (less than the coded width where the
 *                    writer padded an edge tile)
 * @param validHeight likewise for the bottom edge
 */
public record StoredTile(OutputFormat format, byte[] bytes, int length, int codedWidth, int codedHeight, int validWidth,
                         int validHeight) {
    public StoredTile {
        if (length < 0 || length > bytes.length) throw new IllegalArgumentException("length " + length + " of " + bytes.length);
    }

    /** A bitstream that fills its array. */
    public StoredTile(OutputFormat format, byte[] data, int codedWidth, int codedHeight, int validWidth, int validHeight) {
        this(format, data, data.length, codedWidth, codedHeight, validWidth, validHeight);
    }

    /** The bitstream alone: the array itself when it is exactly that long, else a copy. */
    public byte[] data() { return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length); }

    public boolean needsCrop() { return validWidth != codedWidth || validHeight != codedHeight; }
}
