package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.SampleFormat;

class TiffPyramidTest {
    static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

    static TiffDirectory dir(int w, int h, int tile, long subfileType, List<TiffDirectory> subs) {
        return dir(w, h, tile, tile, subfileType, subs, 8, 3, 2, 1, new double[0], 0, 2);
    }

    static TiffDirectory dir(int w, int h, int tw, int tl, long subfileType, List<TiffDirectory> subs,
                             int bps, int spp, int photometric, int sampleFormat, double[] sMax, double res, int unit) {
        TiffArray table = tw > 0 ? new TiffArray(4, 1, 0, ByteOrder.LITTLE_ENDIAN) : null;
        return new TiffDirectory(0, subfileType, w, h, bps, spp, 1, photometric, 1, 1, sampleFormat, new int[0],
                tw, tl, table, table, new byte[0], new double[0], sMax, res, res, unit, new int[0], Map.of(), subs, Map.of());
    }

    static List<Integer> widths(TiffImage img) {
        return img.info().levels().stream().map(Level::width).toList();
    }

    @Test
    void chainLevelsAreSortedByWidthAndUntiledOnesSkipped() {
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(
                dir(4000, 3000, 256, 0, List.of()),
                dir(500, 375, 256, 1, List.of()),
                dir(300, 200, 0, 1, List.of()), // label, stored in strips
                dir(2000, 1500, 256, 1, List.of()),
                dir(1000, 750, 256, 1, List.of())));
        TiffImage img = TiffPyramid.build(s, T);
        assertEquals(List.of(4000, 2000, 1000, 500), widths(img));
        assertEquals(img.info().levels().size(), img.levels().size());
        for (int i = 0; i < img.levels().size(); i++) assertEquals(img.info().levels().get(i).width(), img.levels().get(i).width());
    }

    @Test
    void reducedSubIfdsWinOverTheChain() {
        TiffDirectory full = dir(4000, 3000, 256, 0, List.of(dir(2000, 1500, 512, 1, List.of()), dir(1000, 750, 128, 1, List.of())));
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(full, dir(3000, 2000, 256, 0, List.of())));
        TiffImage img = TiffPyramid.build(s, T);
        assertEquals(List.of(new Level(4000, 3000, 256, 256), new Level(2000, 1500, 512, 512), new Level(1000, 750, 128, 128)),
                img.info().levels());
    }

    @Test
    void subIfdsThatAreNotReducedResolutionAreIgnored() {
        TiffDirectory full = dir(4000, 3000, 256, 0, List.of(dir(64, 64, 64, 0, List.of())));
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(full, dir(2000, 1500, 256, 1, List.of())));
        assertEquals(List.of(4000, 2000), widths(TiffPyramid.build(s, T)));
    }

    @Test
    void stackPagesOfTheSameSizeAreNotLevels() {
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(
                dir(1000, 800, 256, 0, List.of()), dir(1000, 800, 256, 2, List.of()), dir(500, 400, 256, 1, List.of())));
        assertEquals(List.of(1000, 500), widths(TiffPyramid.build(s, T)));
    }

    @Test
    void nonSquareFullResolutionTilesUseTileLength() {
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(
                dir(1000, 800, 512, 128, 0, List.of(), 8, 3, 2, 1, new double[0], 0, 2)));
        assertEquals(new Level(1000, 800, 512, 128), TiffPyramid.build(s, T).info().fullLevel());
    }

    @Test
    void untiledFullResolutionIsNotServed() {
        TiffStructure s = new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(
                dir(1000, 800, 0, 0, List.of()), dir(500, 400, 256, 1, List.of())));
        ImageException e = assertThrows(ImageException.class, () -> TiffPyramid.build(s, T));
        assertEquals(501, Failures.status(e));
        assertEquals("image is not tiled", e.getMessage());
    }

    @Test
    void describesSamplesColourAndResolution() {
        ImageInfo grey16 = info(dir(100, 100, 64, 64, 0, List.of(), 16, 1, 1, 1, new double[0], 118.11, 3));
        assertEquals(ColourSpace.GREY, grey16.colourSpace());
        assertEquals(16, grey16.bitsPerSample());
        assertArrayEquals(new double[] {65535}, grey16.maxValues());
        assertArrayEquals(new double[] {0}, grey16.minValues());
        assertEquals(300.0, grey16.dpiX(), 0.01);
        assertEquals(T, grey16.lastModified());

        ImageInfo bilevel = info(dir(100, 100, 64, 64, 0, List.of(), 1, 1, 0, 1, new double[0], 300, 2));
        assertEquals(ColourSpace.BINARY, bilevel.colourSpace());
        assertEquals(300.0, bilevel.dpiY(), 0);

        ImageInfo floats = info(dir(100, 100, 64, 64, 0, List.of(), 32, 1, 1, 3, new double[0], 10, 1));
        assertEquals(SampleFormat.FLOAT, floats.sampleFormat());
        assertArrayEquals(new double[] {1.0}, floats.maxValues());
        assertEquals(0, floats.dpiX(), "ResolutionUnit none: no physical resolution");

        ImageInfo lab = info(dir(100, 100, 64, 64, 0, List.of(), 8, 3, 8, 1, new double[] {100, 200, 250}, 0, 2));
        assertEquals(ColourSpace.CIELAB, lab.colourSpace());
        assertArrayEquals(new double[] {100, 200, 250}, lab.maxValues());

        assertEquals(ColourSpace.SRGB, info(dir(100, 100, 64, 64, 0, List.of(), 8, 3, 6, 1, new double[0], 0, 2)).colourSpace());
        assertEquals(ColourSpace.MULTIBAND, info(dir(100, 100, 64, 64, 0, List.of(), 8, 4, 5, 1, new double[] {7}, 0, 2)).colourSpace());
        assertArrayEquals(new double[] {7, 7, 7, 7}, info(dir(100, 100, 64, 64, 0, List.of(), 8, 4, 5, 1, new double[] {7}, 0, 2)).maxValues());
    }

    static ImageInfo info(TiffDirectory d) {
        return TiffPyramid.build(new TiffStructure(false, ByteOrder.LITTLE_ENDIAN, List.of(d)), T).info();
    }
}
