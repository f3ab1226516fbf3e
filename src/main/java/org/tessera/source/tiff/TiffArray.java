package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * An integer array stored in the file (TileOffsets, TileByteCounts). Small tables (at most
 * {@link #PRELOAD_MAX} values: every level up to 16,384 px square in 256 px tiles) are read once
 * with the directory and kept, which spares two positional reads on every tile served; larger
 * ones are read one value at a time on demand, because big pyramids hold hundreds of thousands of
 * tiles per level and keeping them for every cached image would cost far more than those reads.
 *
 * @param position absolute file offset of the first value (inline values point into the IFD)
 * @param values   the first {@code count} values when preloaded, else null
 */
record TiffArray(int type, long count, long position, ByteOrder order, long[] values) {
    static final int PRELOAD_MAX = 4096;

    TiffArray(int type, long count, long position, ByteOrder order) {
        this(type, count, position, order, null);
    }

    long get(FileChannel channel, long index) throws IOException {
        if (index < 0 || index >= count) {
            throw new TiffFormatException("tile index " + index + " outside the tile table of " + count);
        }
        if (values != null) {
            long v = values[(int) index];
            if (v < 0) throw new TiffFormatException("tile table value out of range");
            return v;
        }
        int size = TiffTags.typeSize(type);
        ByteBuffer buf = ByteBuffer.allocate(size).order(order);
        FileReads.readFully(channel, buf, position + index * size);
        buf.flip();
        return switch (type) {
            case TiffTags.TYPE_BYTE, TiffTags.TYPE_UNDEFINED -> buf.get() & 0xFFL;
            case TiffTags.TYPE_SHORT -> buf.getShort() & 0xFFFFL;
            case TiffTags.TYPE_LONG, TiffTags.TYPE_IFD -> buf.getInt() & 0xFFFFFFFFL;
            case TiffTags.TYPE_LONG8, TiffTags.TYPE_IFD8 -> {
                long v = buf.getLong();
                if (v < 0) throw new TiffFormatException("tile table value out of range");
                yield v;
            }
            default -> throw new TiffFormatException("tile table has non-integer type " + type);
        };
    }
}
