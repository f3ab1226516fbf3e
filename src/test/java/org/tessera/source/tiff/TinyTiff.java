package org.tessera.source.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Hand-made classic little-endian TIFFs with one IFD at offset 8, for corrupt-file tests. */
final class TinyTiff {
    private record E(int tag, int type, long count, long value) {
    }

    private final List<E> entries = new ArrayList<>();
    private long next;
    private int padding;

    /** A tag with one inline value (or, with count > 1, an offset held in {@code value}). */
    TinyTiff add(int tag, int type, long value) { return add(tag, type, 1, value); }

    TinyTiff add(int tag, int type, long count, long value) {
        entries.add(new E(tag, type, count, value));
        return this;
    }

    /** The "next IFD" pointer (8 points back at the only IFD: a loop). */
    TinyTiff next(long offset) { next = offset; return this; }

    /** Zero bytes appended after the IFD (room for out-of-line values). */
    TinyTiff padding(int bytes) { padding = bytes; return this; }

    byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries.size() * 12 + 4 + padding).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries.size());
        for (E e : entries) {
            b.putShort((short) e.tag()).putShort((short) e.type()).putInt((int) e.count());
            if (e.type() == 3 && e.count() == 1) b.putShort((short) e.value()).putShort((short) 0);
            else b.putInt((int) e.value());
        }
        b.putInt((int) next);
        return b.array();
    }
}
