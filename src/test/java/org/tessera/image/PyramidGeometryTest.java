package org.tessera.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tessera.error.NotFoundException;

class PyramidGeometryTest {
    /** 1001x751 with levels rounded down: 500x375, then 250x187; 256px tiles. */
    private static final ImageInfo ODD = info(List.of(new Level(1001, 751, 256, 256), new Level(500, 375, 256, 256),
            new Level(250, 187, 256, 256)), 1);
    /** 2000x1500 halved by ceil down to one tile: 2000, 1000, 500, 250. */
    private static final ImageInfo FOUR = info(List.of(new Level(2000, 1500, 256, 256), new Level(1000, 750, 256, 256),
            new Level(500, 375, 256, 256), new Level(250, 188, 256, 256)), 3);

    private static ImageInfo info(List<Level> levels, int pages) {
        return new ImageInfo(levels, pages, 3, 8, SampleFormat.UNSIGNED_INT, ColourSpace.SRGB, new double[0],
                new double[0], Map.of(), 0, 0, Instant.EPOCH);
    }

    @Test
    void iipResolutionsCountFromTheSmallestLevel() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        assertEquals(4, g.resolutions());
        assertEquals(3, g.nativeLevel(0));
        assertEquals(0, g.nativeLevel(3));
        assertEquals(2, g.resolution(1));
    }

    @Test
    void levelsTilesAndPagesOutsideTheImageAreNotFoundWhicheverWayTheyAreNamed() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        assertThrows(NotFoundException.class, () -> g.nativeLevel(4));
        assertThrows(NotFoundException.class, () -> g.nativeLevel(-1));
        assertThrows(NotFoundException.class, () -> g.level(4));
        // level 1 is 1000x750: 4 x 3 tiles of 256
        assertThrows(NotFoundException.class, () -> g.tileAt(1, 12));
        assertThrows(NotFoundException.class, () -> g.tileAt(1, -1));
        assertThrows(NotFoundException.class, () -> g.tileRect(new TileAddress(1, 4, 0)));
        assertThrows(NotFoundException.class, () -> g.tileRect(new TileAddress(1, 0, 3)));
        assertThrows(NotFoundException.class, () -> g.checkPage(3));
        assertThrows(NotFoundException.class, () -> g.checkPage(-1));
        GridLevel dz = g.halved(0, 256, true);
        assertThrows(NotFoundException.class, () -> g.gridTileRect(dz, 8, 0));
        g.checkPage(2);
    }

    @Test
    void tileNumbersAreRowMajorAndEdgeTilesAreCropped() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        TileAddress t = g.tileAt(1, 7);
        assertEquals(new TileAddress(1, 3, 1), t);
        assertEquals(7, g.tileIndex(t));
        assertEquals(new Rect(768, 256, 1000 - 768, 256), g.tileRect(t));
        assertEquals(new Rect(768, 512, 232, 750 - 512), g.tileRect(g.tileAt(1, 11)));
    }

    @Test
    void rightAndBottomEdgesMapOntoTheLevelEdgeEvenForOddSizes() {
        PyramidGeometry g = new PyramidGeometry(ODD);
        assertEquals(new Rect(250, 187, 250, 188), g.toLevel(1, new Rect(501, 375, 500, 376)));
        assertEquals(new Rect(0, 0, 250, 187), g.toLevel(2, new Rect(0, 0, 1001, 751)));
    }

    @Test
    void aLevelRectangleInFullResolutionRoundsEachEdgeAndSnapsTheImageEdge() {
        PyramidGeometry g = new PyramidGeometry(ODD);
        // 1001/500 = 2.002: x 256 -> 512.5 rounds up to 513; the right edge of the level is the image's
        assertEquals(new Rect(513, 0, 1001 - 513, (int) Math.round(128 * 751 / 375.0)), g.toFullResolution(new Rect(256, 0, 244, 128), 500, 375));
        Rect back = g.toLevel(1, g.toFullResolution(new Rect(256, 0, 244, 128), 500, 375));
        assertEquals(new Rect(256, 0, 244, 128), back, "a stored tile's region maps back onto the same tile");
    }

    @Test
    void theLevelForAnOutputIsTheSmallestThatCoversIt() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        Rect full = new Rect(0, 0, 2000, 1500);
        assertEquals(3, g.levelFor(full, 250, 188));
        assertEquals(2, g.levelFor(full, 251, 188));
        assertEquals(0, g.levelFor(full, 1001, 10));
        assertEquals(0, g.levelFor(full, 4000, 3000), "never a level larger than full size");
    }

    @Test
    void scaleFactorsArePowersOfTwoOfTheRealLevelSizes() {
        PyramidGeometry g = new PyramidGeometry(ODD);
        assertEquals(1, g.scaleFactor(0));
        assertEquals(2, g.scaleFactor(1));
        assertEquals(4, g.scaleFactor(2));
        assertEquals(Optional.of(2), g.levelWithFactor(4));
        assertEquals(Optional.empty(), g.levelWithFactor(8));
    }

    @Test
    void anIiifTileRegionIsAStoredTileOnlyWhenItIsExactlyOneCell() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        // level 1 (factor 2): cell (1,0) covers full-resolution x 512..1023
        assertEquals(Optional.of(new TileAddress(1, 1, 0)), g.exactTile(new Rect(512, 0, 512, 512), 256, 256, 0, 0));
        assertEquals(Optional.empty(), g.exactTile(new Rect(256, 0, 512, 512), 256, 256, 0, 0), "off the grid");
        assertEquals(Optional.empty(), g.exactTile(new Rect(512, 0, 512, 512), 200, 200, 0, 0), "scaled");
        // the right edge cell of level 1 is 1000-768 = 232 wide, covering 2000-1536 = 464 pixels
        assertEquals(Optional.of(new TileAddress(1, 3, 0)), g.exactTile(new Rect(1536, 0, 464, 512), 232, 256, 0, 0));
    }

    @Test
    void clientLevelsAreTheStoredOnesWhereTheyExistAndHalvedSizesBelow() {
        PyramidGeometry g = new PyramidGeometry(FOUR);
        assertEquals(new GridLevel(1000, 750, 256, Optional.of(1)), g.halved(1, 256, true));
        assertEquals(new GridLevel(125, 94, 256, Optional.empty()), g.halved(4, 256, true));
        assertEquals(new GridLevel(125, 93, 256, Optional.empty()), g.halved(4, 256, false));
        assertEquals(new GridLevel(1, 1, 256, Optional.empty()), g.halved(40, 256, true));
        assertEquals(Optional.of(new TileAddress(1, 2, 1)), g.storedTile(g.halved(1, 256, true), 2, 1));
        assertEquals(Optional.empty(), g.storedTile(g.halved(1, 512, true), 0, 0), "another tile size is no stored tile");
        assertEquals(new Rect(768, 512, 232, 238), g.gridTileRect(g.halved(1, 256, true), 3, 2));
    }
}
