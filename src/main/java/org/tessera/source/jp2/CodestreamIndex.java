package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tessera.codec.OpenJpeg;

/**
 * Where each codestream tile's tile-parts lie in a tiled file, found once by walking the SOT
 * markers. OpenJPEG 2.5 reaches a tile by reading the header of every tile-part before it and
 * goes on to the end of the codestream after it (a read per tile-part: thousands in a large
 * tiled image, for every decode); given a view of the file that holds only the main header and
 * the tile-parts a window needs, followed by EOC, it reads just those.
 *
 * <p>No index is made (the whole file is decoded as it is) for single-tile codestreams, for
 * packed packet headers in the main header (PPM: they describe every tile-part in order), or
 * when the markers do not parse as expected.
 */
public final class CodestreamIndex {
    static final int MAX_TILE_PARTS = 1 << 20;
    private static final int SOT = 0xFF90, EOC = 0xFFD9, PPM = 0xFF60, JP2C = 0x6A703263;

    /** One tile-part: its tile number and its bytes in the file. */
    record TilePart(int tile, long offset, long length) {
    }

    private final long prefixEnd;        // JP2: the boxes before the jp2c box; J2K: 0
    private final long mainHeaderStart;  // SOC
    private final long mainHeaderEnd;    // the first SOT
    private final List<TilePart> parts;
    private final int tiles;

    private CodestreamIndex(long prefixEnd, long mainHeaderStart, long mainHeaderEnd, List<TilePart> parts, int tiles) {
        this.prefixEnd = prefixEnd;
        this.mainHeaderStart = mainHeaderStart;
        this.mainHeaderEnd = mainHeaderEnd;
        this.parts = parts;
        this.tiles = tiles;
    }

    static Optional<CodestreamIndex> build(FileChannel channel, OpenJpeg.Container container, OpenJpeg.Header header)
            throws IOException {
        int tiles = header.tilesAcross() * header.tilesDown();
        if (tiles <= 1) return Optional.empty();
        long size = channel.size();
        long prefixEnd = 0, start = 0, end = size;
        if (container == OpenJpeg.Container.JP2) {
            long pos = 0;
            boolean found = false;
            for (int boxes = 0; boxes < Jp2Boxes.MAX_BOXES && pos + 8 <= size; boxes++) {
                ByteBuffer h = read(channel, pos, 16, size);
                long length = h.getInt(0) & 0xFFFFFFFFL;
                int type = h.getInt(4);
                long headerLength = 8;
                if (length == 1) {
                    length = h.getLong(8);
                    headerLength = 16;
                } else if (length == 0) {
                    length = size - pos;
                }
                if (length < headerLength || pos + length > size) return Optional.empty();
                if (type == JP2C) {
                    prefixEnd = pos;
                    start = pos + headerLength;
                    end = pos + length;
                    found = true;
                    break;
                }
                pos += length;
            }
            if (!found) return Optional.empty();
        }
        // main header: SOC, then marker segments up to the first SOT
        long pos = start + 2;
        while (true) {
            if (pos + 4 > end) return Optional.empty();
            ByteBuffer m = read(channel, pos, 4, end);
            int marker = m.getShort(0) & 0xFFFF;
            if (marker == SOT) break;
            if (marker == PPM || (marker >> 8) != 0xFF) return Optional.empty();
            pos += 2 + (m.getShort(2) & 0xFFFF);
        }
        long mainHeaderEnd = pos;
        List<TilePart> parts = new ArrayList<>();
        while (pos + 12 <= end) {
            ByteBuffer sot = read(channel, pos, 12, end);
            int marker = sot.getShort(0) & 0xFFFF;
            if (marker == EOC) break;
            if (marker != SOT || (sot.getShort(2) & 0xFFFF) != 10 || parts.size() >= MAX_TILE_PARTS) return Optional.empty();
            int tile = sot.getShort(4) & 0xFFFF;
            long length = sot.getInt(6) & 0xFFFFFFFFL;
            if (length == 0) length = end - pos - 2; // the last tile-part runs to EOC
            if (tile >= tiles || length < 14 || pos + length > end) return Optional.empty();
            parts.add(new TilePart(tile, pos, length));
            pos += length;
        }
        return parts.isEmpty() ? Optional.empty()
                : Optional.of(new CodestreamIndex(prefixEnd, start, mainHeaderEnd, List.copyOf(parts), tiles));
    }

    /**
     * A view of the file holding what decoding {@code [x0,x1) x [y0,y1)} of the reference grid
     * needs: (JP2) the boxes before the codestream and a new jp2c box header, the main header, the
     * tile-parts of the codestream tiles under the window, and EOC.
     */
    OpenJpeg.Input view(FileChannel channel, OpenJpeg.Container container, OpenJpeg.Header h, int x0, int y0, int x1, int y1) {
        int c0 = Math.max(0, Math.floorDiv(x0 - h.tileX0(), h.tileWidth()));
        int c1 = Math.min(h.tilesAcross() - 1, Math.floorDiv(x1 - 1 - h.tileX0(), h.tileWidth()));
        int r0 = Math.max(0, Math.floorDiv(y0 - h.tileY0(), h.tileHeight()));
        int r1 = Math.min(h.tilesDown() - 1, Math.floorDiv(y1 - 1 - h.tileY0(), h.tileHeight()));
        boolean[] wanted = new boolean[tiles];
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) wanted[r * h.tilesAcross() + c] = true;
        }
        List<long[]> ranges = new ArrayList<>(); // {fileOffset, length}
        long codestream = (mainHeaderEnd - mainHeaderStart) + 2;
        for (TilePart p : parts) {
            if (wanted[p.tile()]) {
                ranges.add(new long[] {p.offset(), p.length()});
                codestream += p.length();
            }
        }
        List<Splice.Piece> pieces = new ArrayList<>();
        if (container == OpenJpeg.Container.JP2) {
            pieces.add(Splice.Piece.file(0, prefixEnd));
            ByteBuffer box = ByteBuffer.allocate(8).putInt((int) Math.min(codestream + 8, 0xFFFFFFFFL)).putInt(JP2C);
            if (codestream + 8 > 0xFFFFFFFFL) box = ByteBuffer.allocate(8).putInt(0).putInt(JP2C); // 0: to the end
            pieces.add(Splice.Piece.bytes(box.array()));
        }
        pieces.add(Splice.Piece.file(mainHeaderStart, mainHeaderEnd - mainHeaderStart));
        for (long[] r : ranges) pieces.add(Splice.Piece.file(r[0], r[1]));
        pieces.add(Splice.Piece.bytes(new byte[] {(byte) 0xFF, (byte) 0xD9}));
        return new Splice(channel, pieces);
    }

    int tileParts() { return parts.size(); }

    private static ByteBuffer read(FileChannel channel, long position, int length, long end) throws IOException {
        int n = (int) Math.min(length, Math.max(0, end - position));
        ByteBuffer b = ByteBuffer.allocate(length);
        b.limit(n);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) break;
        }
        if (b.position() < n) Arrays.fill(b.array(), b.position(), n, (byte) 0);
        b.clear();
        return b;
    }

    /** Pieces of the file and a few bytes of our own, read as one stream. */
    static final class Splice implements OpenJpeg.Input {
        record Piece(long fileOffset, long length, byte[] bytes) {
            static Piece file(long offset, long length) { return new Piece(offset, length, null); }

            static Piece bytes(byte[] bytes) { return new Piece(-1, bytes.length, bytes); }
        }

        private final FileChannel channel;
        private final Piece[] pieces;
        private final long[] starts;
        private final long size;

        Splice(FileChannel channel, List<Piece> pieces) {
            this.channel = channel;
            this.pieces = pieces.toArray(Piece[]::new);
            this.starts = new long[this.pieces.length];
            long at = 0;
            for (int i = 0; i < this.pieces.length; i++) {
                starts[i] = at;
                at += this.pieces[i].length();
            }
            this.size = at;
        }

        @Override
        public long size() { return size; }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            if (position >= size) return -1;
            int i = Arrays.binarySearch(starts, position);
            if (i < 0) i = -i - 2;
            int total = 0;
            while (dst.hasRemaining() && i < pieces.length) {
                Piece p = pieces[i];
                long within = position + total - starts[i];
                int n = (int) Math.min(dst.remaining(), p.length() - within);
                if (n <= 0) {
                    i++;
                    continue;
                }
                if (p.bytes() != null) {
                    dst.put(p.bytes(), (int) within, n);
                } else {
                    ByteBuffer slice = dst.slice(dst.position(), n);
                    int got = 0;
                    while (slice.hasRemaining()) {
                        int r = channel.read(slice, p.fileOffset() + within + got);
                        if (r < 0) break;
                        got += r;
                    }
                    dst.position(dst.position() + got);
                    if (got < n) return total + got == 0 ? -1 : total + got;
                }
                total += n;
                i++;
            }
            return total;
        }
    }
}
