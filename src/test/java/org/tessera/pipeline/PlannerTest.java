package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tessera.config.Config;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.image.SampleFormat;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.image.TileAddress;
import org.tessera.testing.ConfigEdits;

class PlannerTest {
    /** 4000x3000, levels 4000, 2000, 1000, 500, 250, 125 wide. */
    private static final ImageInfo INFO = info(4000, 3000, 6);
    private final Planner planner = new Planner(Config.defaults("/tmp/"));

    static ImageInfo info(int w, int h, int count) {
        List<Level> levels = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) levels.add(new Level(w >> i, h >> i, 256, 256));
        return new ImageInfo(levels, 1, 3, 8, SampleFormat.UNSIGNED_INT, ColourSpace.SRGB, new double[0],
                new double[0], Map.of(), 0, 0, Instant.EPOCH);
    }

    private static final Rect FULL = new Rect(0, 0, 4000, 3000);

    @Test
    void fullImageTo500PxUsesThe500PxLevelWithoutScaling() {
        Plan p = planner.plan(Requests.region(FULL, 500, 375), INFO);
        assertEquals(3, p.levelIndex());
        assertEquals(new Rect(0, 0, 500, 375), p.region());
        assertEquals(List.of(new Operation.Encode(OutputFormat.JPEG, -1)), p.operations());
        assertEquals(new Dimension(500, 375), p.outputSize());
    }

    @Test
    void levelIsTheSmallestAtLeastAsLargeAsTheOutput() {
        Plan down = planner.plan(Requests.region(FULL, 400, 300), INFO);
        assertEquals(3, down.levelIndex());
        assertEquals(new Operation.Scale(400, 300, Interpolation.BILINEAR), down.operations().get(0));
        Plan oneMore = planner.plan(Requests.region(FULL, 501, 376), INFO);
        assertEquals(2, oneMore.levelIndex(), "one pixel more than level 3 needs level 2");
        Plan tall = planner.plan(Requests.region(FULL, 100, 376), INFO);
        assertEquals(2, tall.levelIndex(), "both dimensions must be covered");
        Plan upscale = planner.plan(Requests.region(FULL, 5000, 3750), INFO);
        assertEquals(0, upscale.levelIndex());
        assertEquals(new Operation.Scale(5000, 3750, Interpolation.BILINEAR), upscale.operations().get(0));
    }

    @Test
    void nearestNeighbourWhenInterpolationIsZero() {
        Planner nn = new Planner(ConfigEdits.with(Config.defaults("/tmp/"), "interpolation", 0));
        assertEquals(new Operation.Scale(400, 300, Interpolation.NEAREST),
                nn.plan(Requests.region(FULL, 400, 300), INFO).operations().get(0));
    }

    @Test
    void aRegionOfExactlyOneTileAtEachLevelIsThatTileUnchanged() {
        for (int level = 0; level <= 2; level++) {
            int span = 256 << level;
            Plan p = planner.plan(Requests.region(new Rect(span, span, span, span), 256, 256), INFO);
            assertEquals(level, p.levelIndex());
            assertEquals(new Rect(256, 256, 256, 256), p.region());
            assertEquals(Optional.of(new TileAddress(level, 1, 1)), p.tile());
            assertTrue(p.isStoredTileUnchanged(), "level " + level);
        }
        Plan p3 = planner.plan(Requests.region(new Rect(0, 0, 2048, 2048), 256, 256), INFO);
        assertEquals(Optional.of(new TileAddress(3, 0, 0)), p3.tile());
        assertTrue(p3.isStoredTileUnchanged());
        for (int level = 4; level <= 5; level++) {   // one tile holds the whole level
            Level l = INFO.levels().get(level);
            Plan p = planner.plan(Requests.region(FULL, l.width(), l.height()), INFO);
            assertEquals(Optional.of(new TileAddress(level, 0, 0)), p.tile(), "level " + level);
            assertTrue(p.isStoredTileUnchanged());
        }
    }

    @Test
    void tileAddressInTheRequestIsHonoured() {
        ImageRequest r = Requests.tile(INFO, 2, 3, 2, OutputFormat.JPEG, -1);
        Plan p = planner.plan(r, INFO);
        assertEquals(2, p.levelIndex());
        assertEquals(INFO.levels().get(2).tileRect(3, 2), p.region());
        assertEquals(Optional.of(new TileAddress(2, 3, 2)), p.tile());
        assertTrue(p.isStoredTileUnchanged());
        assertThrows(ImageException.class, () -> planner.plan(new ImageRequest("a", 0, FULL, 1, 1, Rotation.NONE,
                Quality.DEFAULT, OutputFormat.JPEG, -1, Optional.of(new TileAddress(2, 99, 0))), INFO));
    }

    @Test
    void edgeTilesAreWholeCroppedCells() {
        // level 0: last column starts at 3840, 160 wide; last row starts at 2816, 184 high
        Plan p0 = planner.plan(Requests.region(new Rect(3840, 2816, 160, 184), 160, 184), INFO);
        assertEquals(0, p0.levelIndex());
        assertEquals(Optional.of(new TileAddress(0, 15, 11)), p0.tile());
        assertTrue(p0.isStoredTileUnchanged());
        // level 1 (2000x1500): last column x=1792, 208 wide; asked for in full-res pixels as IIIF does
        Plan p1 = planner.plan(Requests.region(new Rect(3584, 0, 416, 512), 208, 256), INFO);
        assertEquals(1, p1.levelIndex());
        assertEquals(new Rect(1792, 0, 208, 256), p1.region());
        assertEquals(Optional.of(new TileAddress(1, 7, 0)), p1.tile());
        assertTrue(p1.isStoredTileUnchanged());
    }

    @Test
    void onePixelRegionsAreNeverEmpty() {
        Plan p = planner.plan(Requests.region(new Rect(1234, 567, 1, 1), 1, 1), INFO);
        assertEquals(5, p.levelIndex(), "the smallest level already covers one pixel");
        assertEquals(1, p.region().width());
        assertEquals(1, p.region().height());
        assertEquals(new Rect(39, 18, 1, 1), p.region());   // round(1234/32), round(567/32)
        Plan corner = planner.plan(Requests.region(new Rect(3999, 2999, 1, 1), 1, 1), INFO);
        Level smallest = INFO.levels().get(corner.levelIndex());
        assertEquals(new Rect(smallest.width() - 1, smallest.height() - 1, 1, 1), corner.region());
        Plan big = planner.plan(Requests.region(new Rect(0, 0, 1, 1), 50, 50), INFO);
        assertEquals(0, big.levelIndex());
        assertEquals(new Operation.Scale(50, 50, Interpolation.BILINEAR), big.operations().get(0));
    }

    @Test
    void maxCvtBoundsRegionOutputButNotTiles() {
        Planner capped = new Planner(ConfigEdits.with(Config.defaults("/tmp/"), "maxCvt", 1000));
        ImageException e = assertThrows(ImageException.class, () -> capped.plan(Requests.region(FULL, 2000, 1500), INFO));
        assertEquals(400, Failures.status(e));
        assertEquals(2, capped.plan(Requests.region(FULL, 1000, 750), INFO).levelIndex());
        assertEquals(0, capped.plan(Requests.tile(INFO, 0, 0, 0, OutputFormat.JPEG, -1), INFO).levelIndex());
        Planner unlimited = new Planner(ConfigEdits.with(Config.defaults("/tmp/"), "maxCvt", -1));
        assertEquals(400, Failures.status(assertThrows(ImageException.class,
                () -> unlimited.plan(Requests.region(FULL, 20000, 15000), INFO))), "100 Mpx is the hard cap");
    }

    @Test
    void anythingBeyondAPlainDefaultQualityTileIsNotTheStoredTile() {
        Rect tile = new Rect(256, 0, 256, 256);
        assertFalse(planner.plan(Requests.region(tile, 256, 256, Rotation.NONE, Quality.DEFAULT, OutputFormat.JPEG, 90),
                INFO).isStoredTileUnchanged(), "explicit quality");
        Plan png = planner.plan(Requests.region(tile, 256, 256, Rotation.NONE, Quality.DEFAULT, OutputFormat.PNG, -1), INFO);
        assertTrue(png.isStoredTileUnchanged(), "a tile stored as PNG would be the answer; the service compares formats");
        assertTrue(png.isWholeUnprocessedTile(), "PNG of a whole tile is cacheable as a tile");
        assertFalse(planner.plan(Requests.region(tile, 256, 256, new Rotation(90, false), Quality.DEFAULT,
                OutputFormat.JPEG, -1), INFO).isStoredTileUnchanged(), "rotation");
        assertFalse(planner.plan(Requests.region(tile, 256, 256, new Rotation(0, true), Quality.DEFAULT,
                OutputFormat.JPEG, -1), INFO).isStoredTileUnchanged(), "mirror");
        assertFalse(planner.plan(Requests.region(tile, 256, 256, Rotation.NONE, Quality.GRAY, OutputFormat.JPEG, -1),
                INFO).isStoredTileUnchanged(), "grey");
        assertFalse(planner.plan(Requests.region(tile, 200, 200), INFO).isStoredTileUnchanged(), "scaled");
        assertFalse(planner.plan(Requests.region(new Rect(128, 0, 256, 256), 256, 256), INFO).isStoredTileUnchanged(),
                "off the grid");
        assertTrue(planner.plan(Requests.region(tile, 256, 256, Rotation.NONE, Quality.COLOR, OutputFormat.JPEG, -1),
                INFO).isStoredTileUnchanged(), "color changes nothing");
    }

    @Test
    void operationsComeInPipelineOrder() {
        Plan p = planner.plan(Requests.region(FULL, 400, 300, new Rotation(45, true), Quality.BITONAL, OutputFormat.PNG, 6),
                INFO);
        assertEquals(List.of(new Operation.Scale(400, 300, Interpolation.BILINEAR),
                new Operation.ColourConvert(Operation.ColourConvert.Target.BITONAL), new Operation.Mirror(),
                new Operation.Rotate(45, true), new Operation.Encode(OutputFormat.PNG, 6)), p.operations());
        assertEquals(new Dimension(495, 495), p.outputSize());
        Plan jpeg = planner.plan(Requests.region(FULL, 400, 300, new Rotation(30, false), Quality.DEFAULT,
                OutputFormat.JPEG, -1), INFO);
        assertEquals(new Operation.Rotate(30, false), jpeg.operations().get(1), "JPEG has no alpha: white background");
    }
}
