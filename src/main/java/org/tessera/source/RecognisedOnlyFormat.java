package org.tessera.source;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Instant;
import org.tessera.error.UnsupportedImageException;

/**
 * A format whose files are recognised but not read by this build: they answer "not supported"
 * (501) instead of "not found", so an operator sees why such an image does not open.
 */
public record RecognisedOnlyFormat(String name, byte[] signature) implements ImageFormat<Void> {
    public RecognisedOnlyFormat {
        signature = signature.clone();
    }

    /** JP2 files: the 12-byte JPEG 2000 signature box. */
    public static RecognisedOnlyFormat jpeg2000() {
        return new RecognisedOnlyFormat("JPEG2000", new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A});
    }

    /** JPEG files: SOI and the first marker's 0xFF. */
    public static RecognisedOnlyFormat jpeg() {
        return new RecognisedOnlyFormat("JPEG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    }

    @Override
    public boolean recognises(ByteBuffer head) {
        if (head.remaining() < signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if (head.get(i) != signature[i]) return false;
        }
        return true;
    }

    @Override
    public Void describe(FileChannel channel, Instant lastModified) {
        throw new UnsupportedImageException(name + " input is not supported yet");
    }

    @Override
    public ImageSource open(FileChannel channel, Void description) {
        throw new UnsupportedImageException(name + " input is not supported yet");
    }
}
