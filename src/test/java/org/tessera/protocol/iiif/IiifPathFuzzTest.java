package org.tessera.protocol.iiif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.EnumSet;
import org.tessera.error.ImageException;
import org.tessera.fuzz.FuzzStack;
import org.tessera.http.HttpError;
import org.tessera.image.Rect;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;

/**
 * Coverage-guided fuzzing of IIIF Image API paths: the path splitter and the region, size,
 * rotation and quality.format parsers on their own (only client errors may come out, and a
 * parsed region lies inside the image), then the whole path through the real router and renderer
 * (never a 500). Seeds: src/test/resources/org/tessera/protocol/iiif/IiifPathFuzzTestInputs.
 */
class IiifPathFuzzTest {
    private static final FuzzStack STACK = new FuzzStack();
    private static final int W = 700, H = 500;

    @FuzzTest(maxDuration = "25s")
    void anyPath(byte[] input) {
        String path = FuzzStack.text(input);
        try {
            IiifPath p = IiifPath.parse(path);
            if (p.kind() == IiifPath.Kind.IMAGE) {
                Rect r = RegionParser.parse(p.region(), W, H);
                assertTrue(r.x() >= 0 && r.y() >= 0 && r.width() > 0 && r.height() > 0
                        && r.right() <= W && r.bottom() <= H, "region " + r + " from '" + p.region() + "'");
                for (IiifVersion v : IiifVersion.values()) {
                    clientErrorOrValue(() -> new SizeParser(v, new SizeLimits(400, 400, 160_000, true, false), true).parse(p.size(), r.width(), r.height()));
                    clientErrorOrValue(() -> QualityFormatParser.parse(p.qualityFormat(), v, new OutputFormats(EnumSet.allOf(OutputFormat.class))));
                }
                RotationParser.parse(p.rotation());
            }
        } catch (HttpError e) {
            assertTrue(e.status() >= 400 && e.status() < 500 || e.status() == 501, "status " + e.status());
        } catch (ImageException e) {
            // a client error in the engine's terms
        }
        STACK.get("/iiif/" + path);
    }

    private static void clientErrorOrValue(Runnable parse) {
        try {
            parse.run();
        } catch (HttpError e) {
            assertTrue(e.status() >= 400 && e.status() < 500 || e.status() == 501, "status " + e.status());
        } catch (ImageException e) {
            // likewise
        }
    }
}
