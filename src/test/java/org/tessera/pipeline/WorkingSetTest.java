package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.format.OutputFormat;

class WorkingSetTest {
    private static final Level LEVEL = new Level(4000, 3000, 256, 256);
    private static final long TILE_RGB = 256L * 256 * 3;

    private static Plan plan(Rect region, Operation... ops) {
        return new Plan(0, 0, LEVEL, region, List.of(ops));
    }

    @Test
    void aWholeTileHoldsTheTileTwiceWhileReadingAndTwiceWhileEncoding() {
        WorkingSet ws = WorkingSet.of(plan(new Rect(256, 256, 256, 256), new Operation.Encode(OutputFormat.JPEG, -1)), 3);
        // reading: the region (one tile, no copy) + decoded tile + its crop; encoding: image + output
        assertEquals(Math.max(TILE_RGB + 2 * TILE_RGB, 2 * TILE_RGB), ws.bytes());
        assertEquals(256L * 256, ws.readPixels());
        assertEquals(256L * 256, ws.outputPixels());
    }

    @Test
    void aDownscaledRegionPeaksWhileTheScaleHoldsInputAndOutput() {
        WorkingSet ws = WorkingSet.of(plan(new Rect(0, 0, 1000, 800),
                new Operation.Scale(500, 400, Interpolation.BILINEAR), new Operation.Encode(OutputFormat.PNG, -1)), 3);
        long region = 1000L * 800 * 3, scaled = 500L * 400 * 3;
        long expected = Math.max(Math.max(region + 2 * TILE_RGB, region + scaled), 2 * scaled);
        assertEquals(region + scaled, expected, "the scale step is the peak of this plan");
        assertEquals(expected, ws.bytes());
    }

    @Test
    void anUpscaledExportPeaksWhileEncoding() {
        WorkingSet ws = WorkingSet.of(plan(new Rect(0, 0, 1000, 1000),
                new Operation.Scale(3000, 3000, Interpolation.BILINEAR), new Operation.Encode(OutputFormat.TIFF, -1)), 3);
        long out = 3000L * 3000 * 3;
        assertEquals(Math.max(1000L * 1000 * 3 + out, 2 * out), ws.bytes());
        assertEquals(2 * out, ws.bytes());
        assertEquals(9_000_000L, ws.outputPixels());
    }

    @Test
    void arbitraryRotationIntoAnAlphaFormatAddsAChannelAndGrowsTheBox() {
        Operation.Rotate rot = new Operation.Rotate(45, true);
        Plan p = plan(new Rect(0, 0, 1000, 1000), rot, new Operation.Encode(OutputFormat.PNG, -1));
        Dimension box = rot.outputSize(new Dimension(1000, 1000));
        long in = 1000L * 1000 * 3, out = box.area() * 4;
        assertEquals(Math.max(in + out, 2 * out), WorkingSet.of(p, 3).bytes());
    }

    @Test
    void jpegOfAnAlphaImageCountsTheAlphaLessCopy() {
        Plan p = plan(new Rect(0, 0, 2000, 2000), new Operation.Encode(OutputFormat.JPEG, -1));
        long rgba = 2000L * 2000 * 4, rgb = 2000L * 2000 * 3;
        assertEquals(2 * rgba + rgb, WorkingSet.of(p, 4).bytes());
    }

    @Test
    void greyConversionShrinksWhatFollows() {
        Plan p = plan(new Rect(0, 0, 2000, 2000), new Operation.ColourConvert(Operation.ColourConvert.Target.GRAY),
                new Operation.Encode(OutputFormat.PNG, -1));
        long rgb = 2000L * 2000 * 3, grey = 2000L * 2000;
        assertEquals(rgb + grey, WorkingSet.of(p, 3).bytes());
    }

    @Test
    void oneHugeStoredTileCountsEvenForASmallRegion() {
        Level oneTile = new Level(16384, 16384, 16384, 16384);
        Plan p = new Plan(0, 0, oneTile, new Rect(0, 0, 256, 256), List.of(new Operation.Encode(OutputFormat.JPEG, -1)));
        long tile = 16384L * 16384 * 3;
        assertEquals(256L * 256 * 3 + 2 * tile, WorkingSet.of(p, 3).bytes());
    }
}
