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
    @Test
    void aRegionStreamedIntoItsScaleHoldsTwoStripsNotTheRegion() {
        Plan p = plan(new Rect(0, 0, 4000, 3000), new Operation.Scale(1000, 750, Interpolation.BILINEAR),
                new Operation.Encode(OutputFormat.JPEG, -1));
        long whole = WorkingSet.of(p, 3).bytes();
        assertEquals(4000L * 3000 * 3 + 1000L * 750 * 3, whole, "the whole region and the scaled image");
        // full size, two threads decoding: three 4000 px strips (one decoded ahead), two tiles and
        // their copies each, the output
        long strips = 3 * 4000L * 256 * 3, tiles = 2 * 2 * TILE_RGB, out = 1000L * 750 * 3;
        WorkingSet streamed = WorkingSet.of(p, 3, new ReadStrategy(DecodeScale.FULL, true, 2));
        assertEquals(strips + tiles + out, streamed.bytes());
        // decoded at 4/8 (2/8 would give exactly 1000 px, no margin): half-wide strips, quarter-size tiles
        WorkingSet reduced = WorkingSet.of(p, 3, new ReadStrategy(new DecodeScale(4), true, 2));
        long reading = 3 * 2000L * 128 * 3 + 2 * 2 * 128L * 128 * 3 + out;
        assertEquals(Math.max(reading, 2 * out), reduced.bytes());
        assertEquals(4000L * 3000 * 3, reduced.readBytes(), "the work is still the level region's");
        assertEquals(4000L * 3000, reduced.readPixels());
    }

    @Test
    void whatFollowsTheStreamedScaleIsCountedAsBefore() {
        Operation.Rotate rot = new Operation.Rotate(30, true);
        Plan p = plan(new Rect(0, 0, 2000, 2000), new Operation.Scale(1000, 1000, Interpolation.BILINEAR), rot,
                new Operation.Encode(OutputFormat.PNG, -1));
        Dimension box = rot.outputSize(new Dimension(1000, 1000));
        long scaled = 1000L * 1000 * 3, rotated = box.area() * 4;
        long expected = Math.max(2 * rotated, scaled + rotated);
        assertEquals(expected, WorkingSet.of(p, 3, new ReadStrategy(DecodeScale.FULL, true, 1)).bytes());
    }

    @Test
    void parallelDecodersEachHoldATile() {
        Plan p = plan(new Rect(0, 0, 300, 300), new Operation.Encode(OutputFormat.JPEG, -1));
        assertEquals(300L * 300 * 3 + 4 * 2 * TILE_RGB, WorkingSet.of(p, 3, new ReadStrategy(DecodeScale.FULL, false, 4)).bytes());
    }
}
