package org.tessera.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;
import org.tessera.testing.TiffWriter;

/**
 * Writes the binary seed corpora of the fuzz targets (the text seeds are written by hand):
 * small valid TIFFs of every layout the reader knows, and FastCGI record streams. Run from the
 * project root after changing a format:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) org.tessera.fuzz.FuzzSeeds}
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path res = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        tiffs(res.resolve("org/tessera/source/tiff/TiffFuzzTestInputs/anyFile"));
        fcgi(res.resolve("org/tessera/fcgi/FcgiParserFuzzTestInputs/anyRecordStream"));
    }

    private static void tiffs(Path dir) throws Exception {
        Files.createDirectories(dir);
        PixelImage rgb = TestPattern.image(40, 30, 3), grey = TestPattern.image(40, 30, 1), rgba = TestPattern.image(24, 20, 4);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("raw-le.tif", new TiffWriter().tile(16, 16).write(rgb));
        seeds.put("raw-be-bigtiff.tif", new TiffWriter().tile(16, 16).bigTiff(true).order(ByteOrder.BIG_ENDIAN).write(rgb));
        seeds.put("lzw-predictor.tif", new TiffWriter().tile(16, 16).compression(TiffWriter.Compression.LZW).predictor(true).write(rgb));
        seeds.put("deflate-planar.tif", new TiffWriter().tile(16, 16).compression(TiffWriter.Compression.DEFLATE).planar(true).write(rgb));
        seeds.put("packbits-grey.tif", new TiffWriter().tile(16, 16).compression(TiffWriter.Compression.PACKBITS).write(grey));
        seeds.put("jpeg-tables.tif", new TiffWriter().tile(16, 16).compression(TiffWriter.Compression.JPEG).jpegQuality(50).write(rgb));
        seeds.put("jpeg-full-subifd.tif", new TiffWriter().tile(16, 16).compression(TiffWriter.Compression.JPEG)
                .jpegMode(TiffWriter.JpegMode.FULL_PER_TILE).subIfds(true).jpegQuality(50).write(rgb));
        seeds.put("rgba-16bit.tif", new TiffWriter().tile(16, 16).bitsPerSample(16).write(rgba));
        seeds.put("minwhite-meta.tif", new TiffWriter().tile(16, 16).minIsWhite(true).string(270, "description")
                .string(305, "software").resolution(300, 2).write(grey));
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
    }

    private static void fcgi(Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("QUERY_STRING", "FIF=a.tif&JTL=1,0");
        params.put("REQUEST_METHOD", "GET");
        params.put("REQUEST_URI", "/fcgi-bin/iipsrv.fcgi?FIF=a.tif&JTL=1,0");
        Files.write(dir.resolve("get.bin"), concat(begin(1, true), record(4, 1, pairs(params)), record(4, 1, new byte[0]),
                record(5, 1, new byte[0])));
        Map<String, String> post = new LinkedHashMap<>(params);
        post.put("REQUEST_METHOD", "POST");
        post.put("CONTENT_LENGTH", "11");
        Files.write(dir.resolve("post-two-requests.bin"), concat(begin(1, true), begin(2, true), record(4, 2, pairs(params)),
                record(4, 1, pairs(post)), record(4, 1, new byte[0]), record(4, 2, new byte[0]),
                record(5, 1, "FIF=a&OBJ=x".getBytes(StandardCharsets.US_ASCII)), record(5, 1, new byte[0])));
        Files.write(dir.resolve("values-abort.bin"), concat(record(9, 0, pairs(Map.of("FCGI_MAX_CONNS", "",
                "FCGI_MPXS_CONNS", ""))), begin(3, false), record(2, 3, new byte[0]), record(11, 0, new byte[8])));
        Map<String, String> big = new LinkedHashMap<>();
        big.put("HTTP_X_LONG", "x".repeat(300));
        Files.write(dir.resolve("long-param.bin"), concat(begin(1, false), record(4, 1, pairs(big)), record(4, 1, new byte[0])));
    }

    private static byte[] begin(int id, boolean keep) {
        return record(1, id, new byte[] {0, 1, (byte) (keep ? 1 : 0), 0, 0, 0, 0, 0});
    }

    private static byte[] record(int type, int id, byte[] content) {
        int pad = (8 - content.length % 8) % 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(type);
        out.write(id >> 8);
        out.write(id);
        out.write(content.length >> 8);
        out.write(content.length);
        out.write(pad);
        out.write(0);
        out.writeBytes(content);
        out.writeBytes(new byte[pad]);
        return out.toByteArray();
    }

    private static byte[] pairs(Map<String, String> params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : params.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.ISO_8859_1), v = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
            length(out, k.length);
            length(out, v.length);
            out.writeBytes(k);
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    private static void length(ByteArrayOutputStream out, int n) {
        if (n < 128) {
            out.write(n);
        } else {
            out.write(0x80 | n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
