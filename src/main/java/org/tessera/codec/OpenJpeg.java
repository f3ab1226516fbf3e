package org.tessera.codec;

import static org.tessera.codec.OpenJpegNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.error.CorruptImageException;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.PixelImage;

/**
 * JPEG 2000 decoding and encoding with OpenJPEG. Thread-safe.
 *
 * <p>Input is streamed from a {@link FileChannel} with positional reads through OpenJPEG's stream
 * callbacks, so only the bytes the decoder asks for are read and nothing holds a file position.
 * The callbacks are created once per instance (JNA keeps a native trampoline per callback object)
 * and find the call they serve through the stream's user-data pointer, a number registered in
 * {@link #calls} for the duration of one call. Errors OpenJPEG reports through its error handler
 * are collected there too and become the message of the {@link CorruptImageException}.
 *
 * <p>An OpenJPEG decoder is bound to one stream and the header it read: it cannot be reused for
 * another request, so each decode creates its own (reading the main header costs microseconds
 * next to the decode).
 */
public final class OpenJpeg {
    private static final Logger LOG = LoggerFactory.getLogger(OpenJpeg.class);
    /**
     * OpenJPEG's read-ahead buffer. Small: OpenJPEG refills it after every skip, i.e. for the
     * header of every codestream tile it walks past, while packet data larger than the buffer is
     * read straight into its destination.
     */
    private static final long STREAM_BUFFER = 1024;
    /** Samples OpenJPEG may allocate (4 bytes each) for one decode, before any pixels are touched. */
    static final long MAX_DECODE_SAMPLES = 1L << 28;

    /** Container of the codestream: a JP2/JPX box file or a raw codestream (.j2k, .j2c, .jph). */
    public enum Container { JP2, J2K }

    /**
     * What the main header says. Coordinates are on the reference grid (full resolution).
     *
     * @param resolutions number of resolution levels (reductions + 1) of the default coding style
     * @param layers      quality layers
     */
    public record Header(int x0, int y0, int x1, int y1, int components, int precision, boolean signed,
                         int colourSpace, boolean subsampled, int resolutions, int layers,
                         int tileX0, int tileY0, int tileWidth, int tileHeight, int tilesAcross, int tilesDown,
                         boolean highThroughput) {
        public int width() { return x1 - x0; }

        public int height() { return y1 - y0; }

        public boolean ycc() { return colourSpace == CLRSPC_SYCC || colourSpace == CLRSPC_EYCC; }

        public boolean cmyk() { return colourSpace == CLRSPC_CMYK; }
    }

    /**
     * A decode request: the area {@code [x0,x1) x [y0,y1)} of the reference grid, at resolution
     * reduction {@code reduce} (0 = full), with {@code layers} quality layers (0 = all), using up to
     * {@code threads} OpenJPEG worker threads.
     */
    public record Window(int x0, int y0, int x1, int y1, int reduce, int layers, int threads) {
    }

    /**
     * What OpenJPEG reads: a file, or a view that splices parts of one (see source.jp2), read at
     * absolute positions only.
     */
    public interface Input {
        long size() throws IOException;

        /** Reads from {@code position} into {@code dst}; -1 at the end. */
        int read(ByteBuffer dst, long position) throws IOException;

        static Input of(FileChannel channel) {
            return new Input() {
                @Override
                public long size() throws IOException { return channel.size(); }

                @Override
                public int read(ByteBuffer dst, long position) throws IOException { return channel.read(dst, position); }
            };
        }
    }

    private final boolean threadSupport;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    // The callbacks must stay strongly reachable while the library may call them: fields of this instance.
    private final TransferFunction read = this::read;
    private final TransferFunction write = this::write;
    private final SkipFunction skip = this::skip;
    private final SeekFunction seek = this::seek;
    private final MessageFunction onError = this::onError;
    private final MessageFunction onWarning = this::onWarning;

    private OpenJpeg(boolean threadSupport) {
        this.threadSupport = threadSupport;
    }

    /**
     * Loads libopenjp2.so.7 and checks that it is a 2.5 or later OpenJPEG (the struct layouts this
     * binding uses, partial-area decoding, HTJ2K).
     *
     * @throws IllegalStateException with the reason when the library cannot be used
     */
    public static OpenJpeg load() {
        try {
            if (!SIZE_T_IS_64_BIT) throw new IllegalStateException("OpenJPEG binding needs a 64-bit size_t");
            String version = opj_version();
            if (!atLeast(version, 2, 5)) throw new IllegalStateException("OpenJPEG " + version + " is older than 2.5");
            return new OpenJpeg(opj_has_thread_support() != 0);
        } catch (LinkageError e) {
            throw new IllegalStateException("libopenjp2 unavailable: " + LoadFailures.reason(e), e);
        }
    }

    public String version() { return opj_version(); }

    static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("[.]");
        try {
            int ma = Integer.parseInt(parts[0]), mi = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reads the main header of the codestream the file holds. */
    public Header readHeader(FileChannel file, Container container) throws IOException {
        return readHeader(Input.of(file), container);
    }

    /** Reads the main header of the codestream the input holds. */
    public Header readHeader(Input file, Container container) throws IOException {
        try (Decoding d = new Decoding(file, container, 0, 0, 1)) {
            Pointer cstr = opj_get_cstr_info(d.codec);
            if (cstr == null) throw d.failure("no codestream information");
            try (Memory slot = new Memory(8)) {
                int resolutions = 1, cblksty = 0;
                Pointer tccp = cstr.getPointer(CSTR_DEFAULT_TCCP_INFO);
                if (tccp != null) {
                    resolutions = tccp.getInt(TCCP_NUMRESOLUTIONS);
                    cblksty = tccp.getInt(TCCP_CBLKSTY);
                }
                Pointer image = d.image;
                int n = image.getInt(IMAGE_NUMCOMPS);
                if (n < 1) throw d.failure("no components");
                Pointer comps = image.getPointer(IMAGE_COMPS);
                boolean subsampled = false;
                for (int c = 0; c < n; c++) {
                    Pointer comp = comps.share((long) c * COMP_SIZE);
                    subsampled |= comp.getInt(COMP_DX) != 1 || comp.getInt(COMP_DY) != 1;
                }
                Header h = new Header(image.getInt(IMAGE_X0), image.getInt(IMAGE_Y0), image.getInt(IMAGE_X1),
                        image.getInt(IMAGE_Y1), n, comps.getInt(COMP_PREC), comps.getInt(COMP_SGND) != 0,
                        image.getInt(IMAGE_COLOR_SPACE), subsampled, resolutions, cstr.getInt(CSTR_DEFAULT_NUMLAYERS),
                        cstr.getInt(CSTR_TX0), cstr.getInt(CSTR_TY0), cstr.getInt(CSTR_TDX), cstr.getInt(CSTR_TDY), cstr.getInt(CSTR_TW), cstr.getInt(CSTR_TH),
                        (cblksty & CBLKSTY_HT) != 0);
                slot.setPointer(0, cstr);
                opj_destroy_cstr_info(slot);
                return h;
            }
        }
    }

    /**
     * Decodes one area at one resolution into 8-bit pixels: grey, grey+alpha, RGB or RGBA (the
     * first {@code channels} components), samples of other precisions scaled to 0..255, sYCC
     * converted to RGB.
     *
     * @throws CorruptImageException when OpenJPEG refuses the codestream
     */
    public PixelImage decode(FileChannel file, Container container, Window window, int channels) throws IOException {
        return decode(Input.of(file), container, window, channels);
    }

    /** As {@link #decode(FileChannel, Container, Window, int)}, from any input. */
    public PixelImage decode(Input file, Container container, Window window, int channels) throws IOException {
        long area = (long) (window.x1() - window.x0()) * (window.y1() - window.y0()) >> (2 * window.reduce());
        if (window.x1() <= window.x0() || window.y1() <= window.y0()) throw new IllegalArgumentException("empty window " + window);
        int threads = threadSupport ? Math.max(1, window.threads()) : 1;
        try (Decoding d = new Decoding(file, container, window.reduce(), window.layers(), threads)) {
            int n = d.image.getInt(IMAGE_NUMCOMPS);
            if (area * n > MAX_DECODE_SAMPLES) throw new UnsupportedImageException("decode area too large: " + window);
            if (opj_set_decode_area(d.codec, d.image, window.x0(), window.y0(), window.x1(), window.y1()) == 0) {
                throw d.failure("decode area " + window + " refused");
            }
            if (opj_decode(d.codec, d.stream, d.image) == 0) throw d.failure("decoding failed");
            d.check();
            return Samples.toPixels(d.image, channels);
        }
    }

    /**
     * A decoder kept open on a single-tile codestream. OpenJPEG allows repeated area decodes of
     * a single-tile image on one decoder and keeps the tile's packets read and parsed between
     * them, so only the first decode reads and parses the whole codestream. Not thread-safe:
     * one decode at a time (callers pool readers). After a failure it is {@link #broken()}.
     */
    public final class Reader implements AutoCloseable {
        private final Decoding d;
        private boolean broken;

        private Reader(Decoding d) {
            this.d = d;
        }

        public PixelImage decode(Window window, int channels) throws IOException {
            if (broken) throw new IllegalStateException("reader failed before");
            broken = true; // until this decode succeeds
            d.call.clearErrors();
            if (opj_set_decoded_resolution_factor(d.codec, window.reduce()) == 0) throw d.failure("resolution " + window.reduce() + " refused");
            if (opj_set_decode_area(d.codec, d.image, window.x0(), window.y0(), window.x1(), window.y1()) == 0) {
                throw d.failure("decode area " + window + " refused");
            }
            if (opj_decode(d.codec, d.stream, d.image) == 0) throw d.failure("decoding failed");
            d.check();
            PixelImage pixels = Samples.toPixels(d.image, channels);
            broken = false;
            return pixels;
        }

        public boolean broken() { return broken; }

        @Override
        public void close() {
            d.close();
        }
    }

    /**
     * Opens a {@link Reader} on a single-tile codestream with {@code layers} quality layers (0
     * all); the input must stay readable while the reader lives.
     */
    public Reader reader(Input input, Container container, int layers) throws IOException {
        return new Reader(new Decoding(input, container, 0, layers, 1));
    }

    /**
     * Encodes 8-bit pixels as a JP2 file. {@code quality} 1..99 is lossy (9/7 wavelet, a compression
     * ratio that doubles every 10 points below 100); 100 and above is lossless (5/3 wavelet).
     */
    public byte[] encode(PixelImage pixels, int quality) throws IOException {
        int w = pixels.width(), h = pixels.height(), n = pixels.channels();
        try (Memory cmpt = new Memory((long) CMPTPARM_SIZE * n);
             Memory params = new Memory(CPARAMETERS_SIZE)) {
            cmpt.clear();
            for (int c = 0; c < n; c++) {
                long o = (long) c * CMPTPARM_SIZE;
                cmpt.setInt(o + CMPTPARM_DX, 1);
                cmpt.setInt(o + CMPTPARM_DY, 1);
                cmpt.setInt(o + CMPTPARM_W, w);
                cmpt.setInt(o + CMPTPARM_H, h);
                cmpt.setInt(o + CMPTPARM_PREC, 8);
                cmpt.setInt(o + CMPTPARM_SGND, 0);
            }
            Pointer image = opj_image_create(n, cmpt, n <= 2 ? CLRSPC_GRAY : CLRSPC_SRGB);
            if (image == null) throw new IOException("JPEG 2000 encoding failed: out of memory");
            Call call = new Call(null, 0);
            long id = register(call);
            Pointer user = new Pointer(id);
            Pointer codec = null, stream = null;
            try {
                image.setInt(IMAGE_X0, 0);
                image.setInt(IMAGE_Y0, 0);
                image.setInt(IMAGE_X1, w);
                image.setInt(IMAGE_Y1, h);
                Samples.fill(image, pixels);
                params.clear();
                opj_set_default_encoder_parameters(params);
                int lossy = Math.clamp(quality, 1, 100) < 100 ? 1 : 0;
                params.setInt(CPARAM_TCP_NUMLAYERS, 1);
                params.setFloat(CPARAM_TCP_RATES, lossy == 1 ? (float) Math.pow(2, (100 - Math.clamp(quality, 1, 100)) / 10.0) : 0f);
                params.setInt(CPARAM_DISTO_ALLOC, 1);
                params.setInt(CPARAM_IRREVERSIBLE, lossy);
                params.setInt(CPARAM_NUMRESOLUTION, resolutionsFor(w, h));
                params.setByte(CPARAM_TCP_MCT, (byte) (n >= 3 ? 1 : 0));
                codec = opj_create_compress(CODEC_JP2);
                if (codec == null) throw new IOException("JPEG 2000 encoding failed: no encoder");
                opj_set_error_handler(codec, onError, user);
                opj_set_warning_handler(codec, onWarning, user);
                if (opj_setup_encoder(codec, params, image) == 0) throw new IOException(call.message("encoder set-up refused"));
                stream = opj_stream_create(1 << 20, 0);
                if (stream == null) throw new IOException("JPEG 2000 encoding failed: out of memory");
                opj_stream_set_write_function(stream, write);
                opj_stream_set_skip_function(stream, skip);
                opj_stream_set_seek_function(stream, seek);
                opj_stream_set_user_data(stream, user, null);
                if (opj_start_compress(codec, image, stream) == 0 || opj_encode(codec, stream) == 0
                        || opj_end_compress(codec, stream) == 0) {
                    throw new IOException(call.message("JPEG 2000 encoding failed"));
                }
                return call.output.toByteArray();
            } finally {
                if (stream != null) opj_stream_destroy(stream);
                if (codec != null) opj_destroy_codec(codec);
                opj_image_destroy(image);
                calls.remove(id);
            }
        }
    }

    /** As many resolutions as fit (OpenJPEG refuses more than the smaller side allows), at most 6. */
    static int resolutionsFor(int width, int height) {
        int side = Math.min(width, height), resolutions = 1;
        while (resolutions < 6 && (side >> resolutions) >= 1) resolutions++;
        return resolutions;
    }

    private long register(Call call) {
        long id = ids.incrementAndGet();
        calls.put(id, call);
        return id;
    }

    /** One decoder over one stream, with its header read; closing frees everything native. */
    private final class Decoding implements AutoCloseable {
        final long id;
        final Call call;
        final Pointer codec;
        Pointer stream;
        Pointer image;

        Decoding(Input file, Container container, int reduce, int layers, int threads) throws IOException {
            call = new Call(file, file.size());
            id = register(call);
            Pointer user = new Pointer(id);
            codec = opj_create_decompress(container == Container.JP2 ? CODEC_JP2 : CODEC_J2K);
            if (codec == null) {
                calls.remove(id);
                throw new IllegalStateException("opj_create_decompress failed");
            }
            try (Memory params = new Memory(DPARAMETERS_SIZE); Memory slot = new Memory(8)) {
                opj_set_error_handler(codec, onError, user);
                opj_set_warning_handler(codec, onWarning, user);
                params.clear();
                opj_set_default_decoder_parameters(params);
                params.setInt(DPARAM_CP_REDUCE, reduce);
                params.setInt(DPARAM_CP_LAYER, layers);
                if (opj_setup_decoder(codec, params) == 0) throw failure("decoder set-up refused");
                if (threads > 1) opj_codec_set_threads(codec, threads);
                stream = opj_stream_create(STREAM_BUFFER, 1);
                if (stream == null) throw new IllegalStateException("opj_stream_create failed");
                opj_stream_set_read_function(stream, read);
                opj_stream_set_skip_function(stream, skip);
                opj_stream_set_seek_function(stream, seek);
                opj_stream_set_user_data(stream, user, null);
                opj_stream_set_user_data_length(stream, call.size);
                slot.setPointer(0, null);
                int ok = opj_read_header(stream, codec, slot);
                image = slot.getPointer(0);
                if (ok == 0 || image == null) throw failure("invalid JPEG 2000 header");
                check();
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Fails when the error handler fired, even if OpenJPEG went on. */
        void check() throws IOException {
            call.rethrowIo();
            if (call.hasErrors()) throw failure("decoding failed");
        }

        CorruptImageException failure(String what) throws IOException {
            call.rethrowIo();
            return new CorruptImageException(call.message(what));
        }

        @Override
        public void close() {
            if (image != null) opj_image_destroy(image);
            if (stream != null) opj_stream_destroy(stream);
            opj_destroy_codec(codec);
            image = null;
            stream = null;
            calls.remove(id);
        }
    }

    /** State of one decode or encode, reached from the callbacks through the user-data pointer. */
    private static final class Call {
        final Input file;
        final long size;
        long position;
        final Growable output = new Growable();
        private final List<String> errors = new ArrayList<>();
        IOException ioFailure;

        Call(Input file, long size) {
            this.file = file;
            this.size = size;
        }

        synchronized void error(String message) {
            if (errors.size() < 8) errors.add(message.strip());
        }

        synchronized boolean hasErrors() { return !errors.isEmpty(); }

        synchronized void clearErrors() { errors.clear(); }

        synchronized String message(String what) {
            return errors.isEmpty() ? what : what + ": " + String.join("; ", errors);
        }

        void rethrowIo() throws IOException {
            if (ioFailure != null) throw ioFailure;
        }
    }

    /** The encoder's output: a byte array written at a position that the encoder may move back. */
    private static final class Growable {
        byte[] bytes = new byte[0];
        int position;
        int length;

        void put(ByteBuffer src) {
            int n = src.remaining();
            ensure(position + n);
            src.get(bytes, position, n);
            position += n;
            length = Math.max(length, position);
        }

        void ensure(long capacity) {
            if (capacity > Integer.MAX_VALUE - 16) throw new IllegalStateException("encoded image too large");
            if (capacity > bytes.length) bytes = java.util.Arrays.copyOf(bytes, (int) Math.max(capacity, Math.min(Integer.MAX_VALUE - 16, 2L * bytes.length + 65536)));
        }

        byte[] toByteArray() { return java.util.Arrays.copyOf(bytes, length); }
    }

    private Call call(Pointer user) { return calls.get(Pointer.nativeValue(user)); }

    private long read(Pointer buffer, long bytes, Pointer user) {
        Call c = call(user);
        if (c == null || c.file == null || c.position >= c.size || bytes <= 0) return -1;
        try {
            int want = (int) Math.min(Math.min(bytes, c.size - c.position), Integer.MAX_VALUE);
            ByteBuffer dst = buffer.getByteBuffer(0, want);
            int total = 0;
            while (dst.hasRemaining()) {
                int n = c.file.read(dst, c.position + total);
                if (n < 0) break;
                total += n;
            }
            c.position += total;
            return total == 0 ? -1 : total;
        } catch (IOException e) {
            c.ioFailure = e;
            return -1;
        } catch (RuntimeException e) {
            // never let an exception unwind through native frames
            c.ioFailure = new IOException(e);
            return -1;
        }
    }

    private long write(Pointer buffer, long bytes, Pointer user) {
        Call c = call(user);
        if (c == null || bytes < 0) return -1;
        try {
            c.output.put(buffer.getByteBuffer(0, bytes));
            return bytes;
        } catch (RuntimeException e) {
            c.ioFailure = new IOException(e);
            return -1;
        }
    }

    private long skip(long bytes, Pointer user) {
        Call c = call(user);
        if (c == null) return -1;
        if (c.file == null) {
            long target = c.output.position + bytes;
            if (target < 0 || target > Integer.MAX_VALUE - 16) return -1;
            c.output.ensure(target);
            c.output.position = (int) target;
            c.output.length = Math.max(c.output.length, c.output.position);
            return bytes;
        }
        long target = c.position + bytes;
        if (target < 0) return -1;
        c.position = target;
        return bytes;
    }

    private int seek(long position, Pointer user) {
        Call c = call(user);
        if (c == null || position < 0) return 0;
        if (c.file == null) {
            if (position > Integer.MAX_VALUE - 16) return 0;
            c.output.ensure(position);
            c.output.position = (int) position;
            c.output.length = Math.max(c.output.length, c.output.position);
            return 1;
        }
        if (position > c.size) return 0;
        c.position = position;
        return 1;
    }

    private void onError(Pointer message, Pointer user) {
        Call c = call(user);
        String text = message == null ? "unknown error" : message.getString(0);
        if (c != null) c.error(text);
        LOG.debug("OpenJPEG error: {}", text.strip());
    }

    private void onWarning(Pointer message, Pointer user) {
        if (message != null) LOG.debug("OpenJPEG warning: {}", message.getString(0).strip());
    }
}
