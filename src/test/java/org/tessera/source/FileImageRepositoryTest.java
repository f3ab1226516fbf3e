package org.tessera.source;

import java.util.List;
import org.tessera.source.tiff.TiffFormat;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.Config;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;
import org.tessera.testing.TiffWriter;

class FileImageRepositoryTest {
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();

    @TempDir
    Path tmp;

    Path images;
    Path outside;

    void setUpFiles() throws IOException {
        images = Files.createDirectories(tmp.resolve("images"));
        Files.createDirectories(images.resolve("sub"));
        outside = Files.createDirectories(tmp.resolve("private"));
        new TiffWriter().write(TestPattern.image(600, 400, 3), images.resolve("img.tif"));
        new TiffWriter().write(TestPattern.image(300, 200, 3), images.resolve("sub/small.tif"));
        new TiffWriter().write(TestPattern.image(300, 200, 3), outside.resolve("secret.tif"));
    }

    FileImageRepository repo(String prefix) {
        return repository(Config.defaults(prefix));
    }

    @Test
    void opensAndReadsATile() throws Exception {
        setUpFiles();
        FileImageRepository r = repo(images + "/");
        try (ImageSource src = r.open("img.tif")) {
            assertEquals(600, src.info().width());
            PixelImage tile = src.readTile(0, 0, 0, 0);
            assertArrayEquals(TestPattern.rgb(32, 32), new int[] {tile.sample(32, 32, 0), tile.sample(32, 32, 1), tile.sample(32, 32, 2)});
        }
        try (ImageSource src = r.open("sub/small.tif")) {
            assertEquals(300, src.info().width());
        }
    }

    @Test
    void absoluteIdentifiersStayUnderThePrefix() throws Exception {
        setUpFiles();
        try (ImageSource src = repo(images + "/").open("/img.tif")) {
            assertEquals(600, src.info().width());
        }
        // An absolute path to a real file elsewhere is appended to the prefix, so it is not found.
        assertStatus(404, () -> repo(images + "/").open(outside.resolve("secret.tif").toString()));
    }

    @Test
    void dotDotSegmentsAreRefusedNotStripped() throws Exception {
        setUpFiles();
        FileImageRepository r = repo(images + "/");
        for (String id : new String[] {"../private/secret.tif", "sub/../img.tif", "..", "sub/..", "/../private/secret.tif", "sub/../../private/secret.tif"}) {
            ImageException e = assertStatus(404, () -> r.open(id));
            assertEquals("image not found", e.getMessage());
        }
    }

    @Test
    void nulIsABadRequest() throws Exception {
        setUpFiles();
        assertStatus(400, () -> repo(images + "/").open("img.tif\0.jpg"));
    }

    @Test
    void symlinksAreFollowedButMustStayInside() throws Exception {
        setUpFiles();
        Files.createSymbolicLink(images.resolve("inside-link.tif"), images.resolve("sub/small.tif"));
        Files.createSymbolicLink(images.resolve("escape.tif"), outside.resolve("secret.tif"));
        Files.createSymbolicLink(images.resolve("escape-dir"), outside);
        FileImageRepository r = repo(images + "/");
        try (ImageSource src = r.open("inside-link.tif")) {
            assertEquals(300, src.info().width());
        }
        ImageException e = assertStatus(404, () -> r.open("escape.tif"));
        assertFalse(e.getMessage().contains(tmp.toString()), "the path must not leak into the message");
        assertStatus(404, () -> r.open("escape-dir/secret.tif"));
    }

    @Test
    void aFilenamePrefixConfinesToItsDirectory() throws Exception {
        setUpFiles();
        new TiffWriter().write(TestPattern.image(300, 200, 3), images.resolve("pre_a.tif"));
        Files.createSymbolicLink(images.resolve("pre_escape.tif"), outside.resolve("secret.tif"));
        FileImageRepository r = repo(images + "/pre_");
        try (ImageSource src = r.open("a.tif")) {
            assertEquals(300, src.info().width());
        }
        assertStatus(404, () -> r.open("escape.tif"));
        assertStatus(404, () -> r.open("/../img.tif"));
    }

    @Test
    void aPrefixNamingADirectoryWithoutItsSlashConfinesToIt() throws Exception {
        setUpFiles();
        Files.createSymbolicLink(images.resolve("escape.tif"), outside.resolve("secret.tif"));
        FileImageRepository r = repo(images.toString());
        try (ImageSource src = r.open("/img.tif")) {
            assertEquals(600, src.info().width());
        }
        assertStatus(404, () -> r.open("/escape.tif"));
        assertStatus(404, () -> r.open("img.tif"), "plain concatenation gives a sibling of the folder");
    }

    @Test
    void suffixIsAppendedVerbatim() throws Exception {
        setUpFiles();
        Config c = with(Config.defaults(images + "/"), "filesystemSuffix", ".tif");
        try (ImageSource src = repository(c).open("img")) {
            assertEquals(600, src.info().width());
        }
    }

    @Test
    void anEmptyPrefixConfinesToTheWorkingDirectory() throws Exception {
        setUpFiles();
        Path cwd = Path.of("").toAbsolutePath();
        Path local = Files.createTempFile(Files.createDirectories(cwd.resolve("target")), "repo-test", ".tif");
        try {
            new TiffWriter().write(TestPattern.image(300, 200, 3), local);
            FileImageRepository r = repo("");
            try (ImageSource src = r.open(cwd.relativize(local).toString())) {
                assertEquals(300, src.info().width());
            }
            assertStatus(404, () -> r.open(images.resolve("img.tif").toString()));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Test
    void missingDirectoriesAndNonImagesAreRefused() throws Exception {
        setUpFiles();
        Files.writeString(images.resolve("notes.txt"), "hello, not an image");
        Files.write(images.resolve("empty.tif"), new byte[0]);
        Files.write(images.resolve("a.jp2"), new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A, 0, 0});
        Files.write(images.resolve("a.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16});
        Files.write(images.resolve("corrupt.tif"), new byte[] {'I', 'I', 42, 0, (byte) 0xFF, 0x7F, 0, 0, 1, 2, 3});
        FileImageRepository r = repo(images + "/");
        assertEquals("image not found", assertStatus(404, () -> r.open("missing.tif")).getMessage());
        assertStatus(404, () -> r.open("sub"));
        assertStatus(404, () -> r.open(""));
        // a file that is not an image answers exactly as a missing one: no oracle for which files exist
        assertEquals("image not found", assertStatus(404, () -> r.open("notes.txt")).getMessage());
        assertEquals("image not found", assertStatus(404, () -> r.open("empty.tif")).getMessage());
        assertEquals("JPEG2000 input is not supported yet", assertStatus(501, () -> r.open("a.jp2")).getMessage());
        assertStatus(501, () -> r.open("a.jpg"));
        ImageException corrupt = assertStatus(404, () -> r.open("corrupt.tif"));
        assertFalse(corrupt.getMessage().contains(images.toString()));
    }

    @Test
    void outsideMissingAndNonImageAreIndistinguishable() throws Exception {
        setUpFiles();
        Files.writeString(images.resolve("notes.txt"), "hello, not an image");
        Files.writeString(outside.resolve("notes.txt"), "a private text");
        Files.createSymbolicLink(images.resolve("link.tif"), outside.resolve("secret.tif"));
        FileImageRepository r = repo(images + "/");
        String[] identifiers = {"missing.tif", "notes.txt", "../private/secret.tif", "../private/notes.txt",
                "../private/none.tif", "link.tif", "sub"};
        for (String id : identifiers) {
            ImageException e = assertStatus(404, () -> r.open(id), id);
            assertEquals("image not found", e.getMessage(), id);
        }
    }

    @Test
    void controlCharactersInIdentifiersAreABadRequest() throws Exception {
        setUpFiles();
        FileImageRepository r = repo(images + "/");
        for (String id : new String[] {"img.tif\r\nforged log line", "img\n.tif", "img\t.tif", "img\u001b[31m.tif", "img\u007f.tif"}) {
            assertEquals("invalid image identifier", assertStatus(400, () -> r.open(id), id).getMessage());
        }
        try (ImageSource src = r.open("img.tif")) {
            assertEquals(600, src.info().width(), "printable identifiers are unaffected");
        }
    }

    @Test
    void untiledTiffIsNotServed() throws Exception {
        setUpFiles();
        byte[] strip = {'I', 'I', 42, 0, 8, 0, 0, 0, 2, 0,
                0, 1, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0,
                1, 1, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0,
                0, 0, 0, 0};
        Files.write(images.resolve("strip.tif"), strip);
        assertEquals("image is not tiled", assertStatus(501, () -> repo(images + "/").open("strip.tif")).getMessage());
    }

    @Test
    void metadataIsCachedAndRevalidatedByMtime() throws Exception {
        setUpFiles();
        FileImageRepository r = repo(images + "/");
        Path f = images.resolve("img.tif");
        ImageInfo first;
        try (ImageSource src = r.open("img.tif")) {
            first = src.info();
        }
        try (ImageSource src = r.open("img.tif")) {
            assertSame(first, src.info(), "unchanged file: served from the cache");
        }
        new TiffWriter().write(TestPattern.image(800, 500, 1), f);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
        try (ImageSource src = r.open("img.tif")) {
            assertEquals(800, src.info().width());
            assertEquals(1, src.info().channels());
            assertEquals(Files.getLastModifiedTime(f).toInstant(), src.info().lastModified());
        }
        ImageInfo cached;
        try (ImageSource src = r.open("img.tif")) {
            cached = src.info();
        }
        r.clear();
        try (ImageSource src = r.open("img.tif")) {
            assertNotSame(cached, src.info(), "clear() drops the cache");
            assertEquals(cached, withSameArrays(cached, src.info()));
        }
    }

    @Test
    void rewriteKeepingTheMtimeIsCaughtBySize() throws Exception {
        setUpFiles();
        FileImageRepository r = repo(images + "/");
        Path f = images.resolve("img.tif");
        FileTime mtime = Files.getLastModifiedTime(f);
        try (ImageSource src = r.open("img.tif")) {
            assertEquals(600, src.info().width());
        }
        new TiffWriter().write(TestPattern.image(900, 300, 3), f);
        Files.setLastModifiedTime(f, mtime);
        try (ImageSource src = r.open("img.tif")) {
            assertEquals(900, src.info().width());
        }
    }

    @Test
    void cacheSizeZeroDisablesCaching() throws Exception {
        setUpFiles();
        FileImageRepository r = repository(with(Config.defaults(images + "/"), "maxMetadataCacheSize", 0L));
        ImageInfo a, b;
        try (ImageSource src = r.open("img.tif")) {
            a = src.info();
        }
        try (ImageSource src = r.open("img.tif")) {
            b = src.info();
        }
        assertNotSame(a, b);
        assertEquals(a.levels(), b.levels());
    }

    @Test
    void copyrightFillsInMissingRights() throws Exception {
        setUpFiles();
        new TiffWriter().string(33432, "Own rights").write(TestPattern.image(300, 200, 3), images.resolve("owned.tif"));
        FileImageRepository r = repository(with(Config.defaults(images + "/"), "copyright", "(c) Museum"));
        try (ImageSource src = r.open("img.tif")) {
            assertEquals("(c) Museum", src.info().metadata().get("rights"));
        }
        try (ImageSource src = r.open("owned.tif")) {
            assertEquals("Own rights", src.info().metadata().get("rights"));
        }
    }

    @Test
    void noFileHandlesLeak() throws Exception {
        setUpFiles();
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Files.write(images.resolve("corrupt.tif"), new byte[] {'I', 'I', 42, 0, (byte) 0xFF, 0x7F, 0, 0, 1, 2, 3});
        FileImageRepository r = repo(images + "/");
        try (ImageSource warm = r.open("img.tif")) {
            warm.readTile(0, 0, 0, 0);
        }
        long before = openFds();
        for (int i = 0; i < 300; i++) {
            try (ImageSource src = r.open(i % 2 == 0 ? "img.tif" : "sub/small.tif")) {
                src.readTile(0, 0, 0, 0);
            }
            assertThrows(ImageException.class, () -> r.open("notes.txt"));
            assertThrows(ImageException.class, () -> r.open("corrupt.tif"));
            assertThrows(ImageException.class, () -> r.open("missing.tif"));
        }
        long after = openFds();
        assertTrue(after <= before + 2, "file descriptors before " + before + ", after " + after);
    }

    // ---- helpers ----

    static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** The repository as the server wires it: TIFF read, JPEG2000 and JPEG recognised. */
    static FileImageRepository repository(Config c) {
        return new FileImageRepository(c, List.of(new TiffFormat(DECODER, java.util.Optional.empty(), c.copyright()),
                RecognisedOnlyFormat.jpeg2000(), RecognisedOnlyFormat.jpeg()));
    }

    static ImageException assertStatus(int status, org.junit.jupiter.api.function.Executable call) {
        return assertStatus(status, call, "");
    }

    static ImageException assertStatus(int status, org.junit.jupiter.api.function.Executable call, String why) {
        ImageException e = assertThrows(ImageException.class, call, why);
        assertEquals(status, Failures.status(e), e.getMessage());
        return e;
    }

    /** ImageInfo holds arrays, so record equality is by identity for them: compare with the other's arrays. */
    static ImageInfo withSameArrays(ImageInfo like, ImageInfo i) {
        assertArrayEquals(like.minValues(), i.minValues());
        assertArrayEquals(like.maxValues(), i.maxValues());
        return new ImageInfo(i.levels(), i.pages(), i.channels(), i.bitsPerSample(), i.sampleFormat(), i.colourSpace(),
                like.minValues(), like.maxValues(), i.metadata(), i.dpiX(), i.dpiY(), i.lastModified());
    }

    /** A copy of the config with one component replaced (Config has withers for the prefix only). */
    static Config with(Config c, String component, Object value) throws ReflectiveOperationException {
        RecordComponent[] rc = Config.class.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = rc[i].getName().equals(component) ? value : rc[i].getAccessor().invoke(c);
        }
        return Config.class.getDeclaredConstructor(types).newInstance(args);
    }
}
