package org.tessera.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes one little-endian TIFF directory (IFD) with SHORT and LONG fields, followed by the
 * values that do not fit in their entries. For the small TIFFs we make ourselves: tiled output,
 * and one-tile files handed to another decoder.
 */
public final class TiffDirectoryWriter {
    public static final int TYPE_SHORT = 3;
    public static final int TYPE_LONG = 4;

    /** One entry: tag, type (SHORT or LONG) and its values. */
    public record Field(int tag, int type, long[] values) {
        public Field {
            if (type != TYPE_SHORT && type != TYPE_LONG) throw new IllegalArgumentException("type " + type);
            values = values.clone();
        }
    }

    private TiffDirectoryWriter() {
    }

    /**
     * The directory's bytes, to be placed at file offset {@code ifdAt}: entries in the order
     * given (callers give them in tag order), a zero next-IFD offset, then the out-of-line values.
     */
    public static byte[] write(List<Field> fields, long ifdAt) {
        int n = fields.size();
        long extraAt = ifdAt + 2 + 12L * n + 4;
        ByteBuffer entries = ByteBuffer.allocate(2 + 12 * n + 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        entries.putShort((short) n);
        for (Field f : fields) {
            int size = f.type() == TYPE_SHORT ? 2 : 4;
            int count = f.values().length;
            ByteBuffer values = ByteBuffer.allocate(Math.max(4, size * count)).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : f.values()) {
                if (size == 2) values.putShort((short) v);
                else values.putInt((int) v);
            }
            entries.putShort((short) f.tag()).putShort((short) f.type()).putInt(count);
            if (size * count <= 4) {
                entries.put(values.array(), 0, 4);
            } else {
                entries.putInt((int) (extraAt + extra.size()));
                extra.writeBytes(values.array());
            }
        }
        entries.putInt(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(entries.array());
        all.writeBytes(extra.toByteArray());
        return all.toByteArray();
    }
}
