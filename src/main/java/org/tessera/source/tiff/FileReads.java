package org.tessera.source.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads that either fill the buffer or fail with a clear message. */
final class FileReads {
    private FileReads() {
    }

    /** Fills {@code buf} from {@code position}; thread-safe because it never moves the channel's position. */
    static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new TiffFormatException("data lies beyond the end of the file (offset " + pos + ", " + buf.remaining() + " bytes missing)");
            }
            pos += n;
        }
    }

    static byte[] read(FileChannel channel, long position, int length) throws IOException {
        byte[] data = new byte[length];
        readFully(channel, ByteBuffer.wrap(data), position);
        return data;
    }
}
