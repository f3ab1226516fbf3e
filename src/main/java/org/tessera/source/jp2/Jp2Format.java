package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Instant;
import org.tessera.codec.OpenJpeg;
import org.tessera.error.UnsupportedImageException;
import org.tessera.source.ImageFormat;
import org.tessera.source.ImageSource;

/**
 * JPEG 2000 as an input format: recognised by the JP2 signature box (JP2, JPX, JPH) or a raw
 * codestream's SOC + SIZ markers (.j2k, .j2c, .jhc), opened as a {@link Jp2ImageSource}.
 */
public final class Jp2Format implements ImageFormat<Jp2Format.Described> {
    /** Bytes {@link #isJpeg2000} needs to decide. */
    public static final int MAGIC_LENGTH = 12;
    private static final byte[] SIGNATURE_BOX = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};

    /** Idle kept-open decoders of single-tile files, in all (one per file, level and layer count). */
    static final int READERS = 4;

    private final OpenJpeg openJpeg;
    private final int maxLayers;
    private final int threads;
    private final String copyright;
    /** Decoders kept open on single-tile files: each may hold its file's whole codestream parsed. */
    private final ReaderPool readers;

    /** One file version: what the codestream says, and the key of its kept-open decoders. */
    public record Described(Path file, Instant modified, long size, Jp2ImageSource.Description description) {
    }

    /**
     * @param maxLayers MAX_LAYERS (-1 all, 0 half, n at most n)
     * @param threads   OpenJPEG worker threads for a large region
     * @param copyright COPYRIGHT: the "rights" of images that carry none ("" for none)
     */
    public Jp2Format(OpenJpeg openJpeg, int maxLayers, int threads, String copyright) {
        this.openJpeg = openJpeg;
        this.maxLayers = maxLayers;
        this.threads = threads;
        this.copyright = copyright == null ? "" : copyright;
        this.readers = new ReaderPool(openJpeg, READERS);
    }

    /** The magic test alone, for callers without OpenJPEG (to answer "not supported" rather than "unknown"). */
    public static boolean isJpeg2000(byte[] head, int length) {
        return container(head, length) != null;
    }

    @Override
    public String name() { return "JPEG 2000"; }

    @Override
    public void clear() {
        readers.clear();
    }

    @Override
    public boolean recognises(ByteBuffer head) {
        byte[] b = ImageFormat.bytes(head);
        return isJpeg2000(b, b.length);
    }

    @Override
    public Described describe(FileChannel channel, Path file, Instant lastModified) throws IOException {
        Jp2ImageSource.Description d = Jp2ImageSource.describe(channel, openJpeg, lastModified);
        if (!copyright.isEmpty()) d = d.withInfo(d.info().withMetadataDefault("rights", copyright));
        return new Described(file, lastModified, channel.size(), d);
    }

    @Override
    public ImageSource open(FileChannel channel, Described file) {
        ReaderPool.Key key = new ReaderPool.Key(file.file(), file.modified(), file.size(), 0, 0);
        return new Jp2ImageSource(channel, openJpeg, file.description(), maxLayers, threads,
                Optional.of(new Jp2ImageSource.Pooled(readers, key)));
    }

    static OpenJpeg.Container container(byte[] head, int length) {
        if (length >= SIGNATURE_BOX.length && java.util.Arrays.equals(head, 0, SIGNATURE_BOX.length, SIGNATURE_BOX, 0, SIGNATURE_BOX.length)) {
            return OpenJpeg.Container.JP2;
        }
        if (length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F && (head[2] & 0xFF) == 0xFF && (head[3] & 0xFF) == 0x51) {
            return OpenJpeg.Container.J2K;
        }
        return null;
    }

    static OpenJpeg.Container container(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAGIC_LENGTH);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // positional reads until the magic is in or the file ends
        }
        OpenJpeg.Container c = container(head.array(), head.position());
        if (c == null) throw new UnsupportedImageException("not a JPEG 2000 file");
        return c;
    }
}
