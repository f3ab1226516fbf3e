package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tessera.error.InvalidRequestException;
import org.tessera.error.OverloadedException;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.pipeline.DecodeScale;
import org.tessera.pipeline.Interpolation;
import org.tessera.pipeline.Operation;
import org.tessera.pipeline.Plan;
import org.tessera.pipeline.ReadStrategy;
import org.tessera.pipeline.WorkingSet;
import org.tessera.format.OutputFormat;
import org.tessera.service.WorkGate.Lane;

class AdmissionTest {
    private static final Level LEVEL = new Level(20000, 20000, 256, 256);
    private static final Plan TILE = new Plan(0, 0, LEVEL, new Rect(0, 0, 256, 256),
            List.of(new Operation.Encode(OutputFormat.JPEG, -1)));
    /** 2000x2000 RGB read and encoded: 24 MB at its peak. */
    private static final Plan EXPORT = new Plan(0, 0, LEVEL, new Rect(0, 0, 2000, 2000),
            List.of(new Operation.Encode(OutputFormat.PNG, -1)));

    @Test
    void aStreamedExportHoldsLittleButStaysInTheExportLane() {
        Plan view = new Plan(0, 0, LEVEL, new Rect(0, 0, 2000, 1500),
                List.of(new Operation.Scale(800, 600, Interpolation.BILINEAR), new Operation.Encode(OutputFormat.JPEG, -1)));
        WorkingSet streamed = WorkingSet.of(view, 3, new ReadStrategy(DecodeScale.FULL, true, 2));
        assertTrue(streamed.bytes() <= Admission.LIGHT_BYTES, "holds " + streamed.bytes());
        assertEquals(Lane.EXPORT, Admission.lane(streamed), "it still decodes 9 MB of tiles");
    }

    @Test
    void tilesAndThumbnailsTakeTheTileLaneLargerViewsTheExportLane() {
        assertEquals(Lane.TILE, Admission.lane(WorkingSet.of(TILE, 3)));
        Plan thumbnail = new Plan(0, 0, LEVEL, new Rect(0, 0, 600, 500),
                List.of(new Operation.Scale(200, 167, Interpolation.BILINEAR), new Operation.Encode(OutputFormat.JPEG, -1)));
        assertEquals(Lane.TILE, Admission.lane(WorkingSet.of(thumbnail, 3)));
        assertEquals(Lane.EXPORT, Admission.lane(WorkingSet.of(EXPORT, 3)));
    }

    @Test
    void aRenderThatCouldNeverFitIsRefusedWithItsSize() {
        Admission a = new Admission(new WorkGate(2, 4), new MemoryBudget(24L << 20));
        assertEquals(18L << 20, a.ceiling(Lane.EXPORT));
        long needs = WorkingSet.of(EXPORT, 3).bytes();
        assertEquals(2L * 2000 * 2000 * 3, needs);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> a.run(EXPORT, 3, () -> "never"));
        assertEquals("requested image needs 23 MB of memory to render, more than this server allows for one image (18 MB)",
                e.getMessage());
        assertEquals(0, a.budget().used());
    }

    @Test
    void theBytesAreHeldWhileTheRenderRunsAndGivenBackAfter() {
        Admission a = new Admission(new WorkGate(2, 4), new MemoryBudget(256L << 20));
        long needs = WorkingSet.of(EXPORT, 3).bytes();
        assertEquals(needs, (long) a.run(EXPORT, 3, () -> a.budget().used()));
        assertEquals(0, a.budget().used());
        assertThrows(IllegalStateException.class, () -> a.run(EXPORT, 3, () -> {
            throw new IllegalStateException("render failed");
        }));
        assertEquals(0, a.budget().used(), "a failed render gives its bytes back too");
    }

    @Test
    void exportsThatDoNotFitNowGet503WhileTilesStillFindMemory() throws Exception {
        long needs = WorkingSet.of(EXPORT, 3).bytes();
        // room for one export under the export ceiling (3/4), not two; tiles may use the rest
        MemoryBudget budget = new MemoryBudget(needs * 2);
        Admission a = new Admission(new WorkGate(4, 8), budget);
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> a.run(EXPORT, 3, () -> {
                running.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return "first";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            OverloadedException busy = assertThrows(OverloadedException.class, () -> a.run(EXPORT, 3, () -> "second"));
            assertEquals(2, busy.retryAfterSeconds());
            assertEquals("tile", a.run(TILE, 3, () -> "tile"));
            release.countDown();
            assertEquals("first", first.get(30, TimeUnit.SECONDS));
            assertEquals("again", a.run(EXPORT, 3, () -> "again"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
