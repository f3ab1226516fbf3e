package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.format.OutputFormat;

class OperationTest {
    private static final Dimension IN = new Dimension(300, 200);

    @Test
    void scale() {
        Operation s = new Operation.Scale(150, 100, Interpolation.BILINEAR);
        assertEquals(new Dimension(150, 100), s.outputSize(IN));
        assertFalse(s.isNoOp(IN));
        assertTrue(new Operation.Scale(300, 200, Interpolation.NEAREST).isNoOp(IN));
        assertFalse(new Operation.Scale(300, 201, Interpolation.NEAREST).isNoOp(IN));
    }

    @Test
    void mirror() {
        assertEquals(IN, new Operation.Mirror().outputSize(IN));
        assertFalse(new Operation.Mirror().isNoOp(IN));
        assertTrue(new Operation.Mirror().isNoOp(new Dimension(1, 50)), "a one-column image is its own mirror");
    }

    @Test
    void rotate() {
        assertEquals(new Dimension(200, 300), new Operation.Rotate(90, false).outputSize(IN));
        assertEquals(new Dimension(200, 300), new Operation.Rotate(270, false).outputSize(IN));
        assertEquals(IN, new Operation.Rotate(180, false).outputSize(IN));
        assertEquals(IN, new Operation.Rotate(360, false).outputSize(IN));
        assertTrue(new Operation.Rotate(360, false).isNoOp(IN));
        assertFalse(new Operation.Rotate(180, false).isNoOp(IN));
        // 45 degrees: (300 + 200) / sqrt(2) = 353.55 -> 354 both ways
        assertEquals(new Dimension(354, 354), new Operation.Rotate(45, true).outputSize(IN));
        // 30 degrees: 300 cos30 + 200 sin30 = 359.8 -> 360; 300 sin30 + 200 cos30 = 323.2 -> 324
        assertEquals(new Dimension(360, 324), new Operation.Rotate(30, false).outputSize(IN));
        assertEquals(new Dimension(142, 142), new Operation.Rotate(45, false).outputSize(new Dimension(100, 100)));
        assertEquals(new Operation.Rotate(-90, false), new Operation.Rotate(270, false));
    }

    @Test
    void colourAndEncode() {
        Operation g = new Operation.ColourConvert(Operation.ColourConvert.Target.GRAY);
        assertEquals(IN, g.outputSize(IN));
        assertFalse(g.isNoOp(IN));
        Operation.Encode e = new Operation.Encode(OutputFormat.JPEG, -1);
        assertEquals(IN, e.outputSize(IN));
        assertTrue(e.usesDefaultQuality());
        assertFalse(new Operation.Encode(OutputFormat.JPEG, 75).usesDefaultQuality());
    }
}
