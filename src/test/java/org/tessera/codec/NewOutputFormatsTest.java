package org.tessera.codec;

import org.tessera.config.TiffCompression;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;
import org.tessera.testing.TestPattern;
import org.tessera.testing.Tools;

/**
 * AVIF, GIF and WebP/ZSTD TIFF output, each decoded by a tool that shares no code with the
 * encoder (avifdec for AVIF, vips for GIF and TIFF) and compared with the pixels encoded.
 */
class NewOutputFormatsTest {
    @TempDir
    Path dir;

    // ---- AVIF

    @ParameterizedTest
    @CsvSource({"0, 300, 200", "1, 300, 200", "2, 256, 256", "3, 256, 256"})
    void avifLossyIsCloseToThePicture(int codec, int w, int h) throws IOException {
        Avif avif = Avif.load(codec);
        PixelImage image = PatternAssert.noisy(w, h);
        byte[] file = new AvifEncoder(avif).encode(image, 90);
        PixelImage decoded = avifdec(file, 3);
        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        // the +-20 noise is incompressible: a lossy coder smooths part of it away
        assertTrue(meanAbsoluteError(image, decoded) < 12, "mean error " + meanAbsoluteError(image, decoded));
        PatternAssert.assertPattern(decoded, w, h, 24); // square centres: noise +-20 plus coding loss
    }

    @Test
    void avifQualityTradesSizeForError() throws IOException {
        Avif avif = Avif.load(0);
        PixelImage image = PatternAssert.noisy(256, 256);
        byte[] low = new AvifEncoder(avif).encode(image, 20), high = new AvifEncoder(avif).encode(image, 95);
        assertTrue(low.length < high.length, low.length + " vs " + high.length);
        assertTrue(meanAbsoluteError(image, avifdec(low, 3)) > meanAbsoluteError(image, avifdec(high, 3)));
    }

    @Test
    void avifLosslessIsExact() throws IOException {
        PixelImage image = PatternAssert.noisy(200, 120);
        PixelImage decoded = avifdec(new AvifEncoder(Avif.load(0)).encode(image, -1), 3);
        assertArrayEquals(image.pixels(), decoded.pixels());
    }

    @Test
    void avifKeepsAlphaAndGrey() throws IOException {
        PixelImage rgba = PatternAssert.withAlpha(TestPattern.image(160, 96, 3));
        PixelImage decoded = avifdec(new AvifEncoder(Avif.load(0)).encode(rgba, -1), 4);
        assertArrayEquals(rgba.pixels(), decoded.pixels());

        PixelImage grey = TestPattern.image(160, 96, 1);
        PixelImage greyDecoded = avifdec(new AvifEncoder(Avif.load(0)).encode(grey, 95), 1); // monochrome AVIF: a grey PNG
        PatternAssert.assertPattern(greyDecoded, 160, 96, 4);
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1, 7", "17, 3", "257, 1"})
    void tinyAndOddSizesEncode(int w, int h) throws IOException {
        PixelImage image = TestPattern.image(w, h, 3);
        PixelImage decoded = avifdec(new AvifEncoder(Avif.load(0)).encode(image, -1), 3);
        assertArrayEquals(image.pixels(), decoded.pixels(), "AVIF " + w + "x" + h);
        Path gif = dir.resolve("tiny.gif");
        Files.write(gif, new GifEncoder().encode(image, 0));
        assertArrayEquals(new int[] {w, h}, java.util.Arrays.copyOf(Tools.vipsShape(gif), 2));
        Path tif = dir.resolve("tiny.tif");
        Files.write(tif, new TiffEncoder(TiffCompression.ZSTD).encode(image, 3));
        assertArrayEquals(image.pixels(), Tools.vipsPixels(tif.toString(), dir.resolve("tiny.raw")));
    }

    @Test
    void avifWithUnknownCodecNumberFallsBackToAuto() {
        assertEquals(Avif.load(0).codecName(), Avif.load(7).codecName());
    }

    // ---- GIF

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void gifOfFewColoursIsExact(int channels) throws IOException {
        PixelImage base = TestPattern.image(150, 100, channels <= 2 ? 1 : 3);
        PixelImage image = channels % 2 == 0 ? PatternAssert.withAlpha(base) : base;
        byte[] gif = new GifEncoder().encode(image, 0);
        assertEquals("GIF89a", new String(gif, 0, 6, java.nio.charset.StandardCharsets.US_ASCII).replace("87a", "89a"));
        Path file = dir.resolve("out.gif");
        Files.write(file, gif);
        int[] shape = Tools.vipsShape(file);
        byte[] ref = Tools.vipsPixels(file.toString(), dir.resolve("gif.raw"));
        assertEquals(150, shape[0]);
        assertEquals(100, shape[1]);
        int bands = shape[2];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 150; x++) {
                int[] want = base.channels() == 1 ? new int[] {TestPattern.grey(x, y), TestPattern.grey(x, y), TestPattern.grey(x, y)}
                        : TestPattern.rgb(x, y);
                for (int c = 0; c < Math.min(3, bands); c++) {
                    assertEquals(want[bands == 1 ? 0 : c], ref[(y * 150 + x) * bands + c] & 0xFF, "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void gifOfAPhotoIsClose() throws IOException {
        PixelImage image = PatternAssert.noisy(200, 150);
        Path file = dir.resolve("photo.gif");
        Files.write(file, new GifEncoder().encode(image, 0));
        byte[] ref = Tools.vipsPixels(file.toString(), dir.resolve("photo.raw"));
        int bands = ref.length / (200 * 150);
        long error = 0;
        for (int i = 0; i < 200 * 150; i++) {
            for (int c = 0; c < 3; c++) error += Math.abs((image.pixels()[i * 3 + c] & 0xFF) - (ref[i * bands + c] & 0xFF));
        }
        assertTrue(error / (200.0 * 150 * 3) < 16, "mean error " + error / (200.0 * 150 * 3));
    }

    // ---- TIFF with WebP and ZSTD tiles

    @ParameterizedTest
    @CsvSource({"ZSTD, 1", "ZSTD, 2", "ZSTD, 3", "ZSTD, 4", "WEBP, 3", "WEBP, 4", "WEBP, 1"})
    void tiffWithWebpOrZstdTilesReadsBackInVips(TiffCompression compression, int channels) throws IOException {
        int w = 600, h = 300;
        PixelImage base = PatternAssert.noisy(w, h);
        PixelImage image = switch (channels) {
            case 1, 2 -> {
                PixelImage g = TestPattern.image(w, h, 1);
                yield channels == 2 ? PatternAssert.withAlpha(g) : g;
            }
            case 4 -> PatternAssert.withAlpha(base);
            default -> base;
        };
        boolean webp = compression == TiffCompression.WEBP;
        TiffEncoder encoder = new TiffEncoder(compression, Optional.of(Webp.load()));
        byte[] tiff = encoder.encode(image, webp ? -1 : 9);
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        assertEquals(259, b.getShort(ifd + 2 + 3 * 12) & 0xFFFF, "fourth entry: Compression");
        assertEquals(webp ? 50001 : 50000, b.getShort(ifd + 2 + 3 * 12 + 8) & 0xFFFF, "Compression");
        Path file = dir.resolve("out.tif");
        Files.write(file, tiff);
        int[] shape = Tools.vipsShape(file);
        int outChannels = webp && channels <= 2 ? channels + 2 : channels;
        assertArrayEquals(new int[] {w, h, outChannels}, shape);
        byte[] ref = Tools.vipsPixels(file.toString(), dir.resolve("tif.raw"));
        // lossless both: WebP at quality < 0, ZSTD always; grey WebP is widened to RGB
        byte[] src = image.pixels();
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < outChannels; c++) {
                int sc = outChannels == channels ? c : c < 3 ? 0 : 1;
                if ((src[i * channels + sc] & 0xFF) != (ref[i * outChannels + c] & 0xFF)) {
                    fail(compression + " pixel " + (i % w) + "," + (i / w) + " channel " + c + ": " + (src[i * channels + sc] & 0xFF)
                            + " vs " + (ref[i * outChannels + c] & 0xFF));
                }
            }
        }
    }

    @Test
    void lossyWebpTiffIsClose() throws IOException {
        PixelImage image = PatternAssert.noisy(300, 300);
        Path file = dir.resolve("lossy.tif");
        Files.write(file, new TiffEncoder(TiffCompression.WEBP, Optional.of(Webp.load())).encode(image, 90));
        byte[] ref = Tools.vipsPixels(file.toString(), dir.resolve("lossy.raw"));
        long error = 0;
        for (int i = 0; i < ref.length; i++) error += Math.abs((image.pixels()[i] & 0xFF) - (ref[i] & 0xFF));
        assertTrue(error / (double) ref.length < 12, "mean error " + error / (double) ref.length);
    }

    @Test
    void webpTiffWithoutLibwebpIsRefusedAtConstruction() {
        var e = assertThrows(IllegalStateException.class, () -> new TiffEncoder(TiffCompression.WEBP, Optional.empty()));
        assertEquals("WebP compression inside TIFF needs libwebp, which is not loaded", e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> new DefaultCodecs(Optional.empty(), Optional.empty(), Optional.empty(), TiffCompression.WEBP));
    }

    @Test
    void iipsrvCompressionCodes() {
        assertEquals(TiffCompression.WEBP, TiffCompression.fromIipsrv(4));
        assertEquals(TiffCompression.ZSTD, TiffCompression.fromIipsrv(5));
        assertEquals(TiffCompression.NONE, TiffCompression.fromIipsrv(6));
    }

    @Test
    void formatsAreAdvertisedOnlyWithTheirLibrary() {
        DefaultCodecs jdk = DefaultCodecs.jdkOnly(TiffCompression.DEFLATE);
        assertTrue(jdk.encoder(OutputFormat.AVIF).isEmpty());
        assertTrue(jdk.encoder(OutputFormat.GIF).isPresent());
        DefaultCodecs all = new DefaultCodecs(Optional.empty(), Optional.of(Webp.load()), Optional.of(Avif.load(0)), TiffCompression.ZSTD);
        assertEquals(OutputFormat.AVIF, all.encoder(OutputFormat.AVIF).orElseThrow().format());
    }

    private PixelImage avifdec(byte[] avif, int channels) throws IOException {
        String tool = Tools.require("avifdec");
        Path in = dir.resolve("in.avif"), out = dir.resolve("out.png");
        Files.write(in, avif);
        Files.deleteIfExists(out);
        Tools.run(tool, "--depth", "8", in.toString(), out.toString());
        PixelImage decoded = PatternAssert.readWithImageIo(Files.readAllBytes(out));
        if (decoded.channels() == channels) return decoded;
        if (channels == 3 && decoded.channels() == 4) return dropAlpha(decoded);
        throw new AssertionError("avifdec gave " + decoded.channels() + " channels, expected " + channels);
    }

    private static PixelImage dropAlpha(PixelImage p) {
        byte[] in = p.pixels(), out = new byte[p.width() * p.height() * 3];
        for (int i = 0, o = 0; i < in.length; i += 4) {
            out[o++] = in[i];
            out[o++] = in[i + 1];
            out[o++] = in[i + 2];
        }
        return new PixelImage(p.width(), p.height(), 3, out);
    }

    private static double meanAbsoluteError(PixelImage a, PixelImage b) {
        long sum = 0;
        byte[] x = a.pixels(), y = b.pixels();
        for (int i = 0; i < x.length; i++) sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        return sum / (double) x.length;
    }
}
