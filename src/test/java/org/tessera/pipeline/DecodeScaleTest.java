package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.image.Level;
import org.tessera.image.Rect;

class DecodeScaleTest {
    private static final Level LEVEL = new Level(10000, 8000, 256, 256);
    private static final Set<Integer> TURBO = Set.of(1, 2, 4);

    private static int choose(Level level, Rect region, int w, int h, Set<Integer> offered) {
        return DecodeScale.choose(level, region, w, h, offered::contains).eighths();
    }

    @Test
    void theSmallestFactorLeavingOnePixelMoreThanTheOutput() {
        Rect region = new Rect(0, 0, 8000, 8000);
        Set<Integer> all = Set.of(1, 2, 3, 4, 5, 6, 7);
        assertEquals(1, choose(LEVEL, region, 999, 999, all));   // 8000/8 = 1000 >= 999 + 1
        assertEquals(2, choose(LEVEL, region, 1000, 1000, all)); // 1000 < 1001
        assertEquals(4, choose(LEVEL, region, 3000, 1000, all)); // the wider side decides
        assertEquals(7, choose(LEVEL, region, 6999, 6999, all));
        assertEquals(8, choose(LEVEL, region, 7000, 7000, all)); // 7/8 gives 7000: no margin left
    }

    @Test
    void onlyFactorsTheSourceDecodesCheaply() {
        Rect region = new Rect(0, 0, 8000, 8000);
        assertEquals(4, choose(LEVEL, region, 2500, 2500, TURBO)); // 3/8 would do, is not offered
        assertEquals(8, choose(LEVEL, region, 5000, 5000, TURBO));
        assertEquals(8, choose(LEVEL, region, 100, 100, Set.of()));
    }

    @Test
    void fullSizeForEnlargementsAndTilesNotMultiplesOf8() {
        assertEquals(8, choose(LEVEL, new Rect(0, 0, 500, 500), 1000, 1000, TURBO));
        assertEquals(8, choose(new Level(10000, 8000, 250, 256), new Rect(0, 0, 8000, 8000), 100, 100, TURBO));
        assertEquals(8, choose(new Level(10000, 8000, 256, 100), new Rect(0, 0, 8000, 8000), 100, 100, TURBO));
    }

    @Test
    void onlyWholeScaledPixelsOfTheLevelCount() {
        Level level = new Level(1003, 701, 128, 64);
        DecodeScale half = new DecodeScale(4);
        assertEquals(501, half.extent(1003)); // 501.5: the last half pixel would be half padding
        assertEquals(87, new DecodeScale(1).extent(701));
        // the last tile column is 107 px: 53 whole pixels at 1/2 (its last half pixel left out)
        assertEquals(new Rect(448, 0, 53, 32), half.cell(level, 7, 0));
        // at 1/8 the last row of tiles (61 px) is 7.6 scaled pixels: 7 count
        assertEquals(new Rect(0, 80, 16, 7), new DecodeScale(1).cell(level, 0, 10));
        // a region reaching the edge covers the whole scaled pixels, its window the exact extent
        Rect region = new Rect(1000, 699, 3, 2);
        assertEquals(new Rect(500, 349, 1, 1), half.cover(region, level));
        // the window reaches half a pixel past the cover on both axes: the edge pixel repeats there
        assertEquals(new SourceWindow(0, 4, 12, 8, 8), half.window(region, level));
    }

    @Test
    void aTinyLastTileCanVanishAtAScale() {
        Level level = new Level(1027, 64, 128, 64); // last column 3 px: 0.375 scaled pixels at 1/8
        DecodeScale eighth = new DecodeScale(1);
        assertEquals(128, eighth.extent(1027));
        assertFalse(eighth.cell(level, 8, 0).width() > 0);
    }

    @Test
    void coverAndWindowOfAnUnalignedRegion() {
        DecodeScale threeEighths = new DecodeScale(3);
        Rect region = new Rect(101, 37, 250, 90); // at 3/8: 37.875 .. 131.625, 13.875 .. 47.625
        assertEquals(new Rect(37, 13, 95, 35), threeEighths.cover(region, LEVEL));
        assertEquals(new SourceWindow(7, 7, 750, 270, 8), threeEighths.window(region, LEVEL));
        assertEquals(region, DecodeScale.FULL.cover(region, LEVEL));
        assertEquals(new SourceWindow(0, 0, 2000, 720, 8), DecodeScale.FULL.window(region, LEVEL));
    }
}
