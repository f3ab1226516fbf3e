package org.tessera.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LevelTest {
    @Test
    void edgeTilesAreCroppedNotPadded() {
        Level l = new Level(1000, 600, 256, 256);
        assertEquals(4, l.tilesAcross());
        assertEquals(3, l.tilesDown());
        assertEquals(12, l.tileCount());
        assertEquals(new Rect(768, 512, 232, 88), l.tileRect(3, 2));
        assertEquals(new Rect(256, 0, 256, 256), l.tileRect(1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> l.tileRect(4, 0));
    }

    @Test
    void cropCopiesTheRightPixels() {
        PixelImage img = PixelImage.blank(4, 3, 1);
        for (int i = 0; i < 12; i++) img.pixels()[i] = (byte) i;
        PixelImage c = img.crop(new Rect(1, 1, 2, 2));
        assertEquals(5, c.sample(0, 0, 0));
        assertEquals(10, c.sample(1, 1, 0));
    }
}
