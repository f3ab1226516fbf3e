package org.tessera.service;

import java.util.concurrent.TimeUnit;
import org.tessera.error.InvalidRequestException;
import org.tessera.error.OverloadedException;
import org.tessera.pipeline.Plan;
import org.tessera.pipeline.WorkingSet;

/**
 * Lets a render start only when there is a worker for it in its lane and heap for its working
 * set. The plan says how many bytes the render will hold at its peak ({@link WorkingSet}); that
 * amount is reserved from the {@link MemoryBudget} for as long as the render runs.
 * <ul>
 *   <li>A render whose working set, and level region, are at most {@link #LIGHT_BYTES} (a tile, a
 *       thumbnail, any view up to about a megapixel) takes the tile lane; anything larger the
 *       export lane.</li>
 *   <li>Exports may hold at most three quarters of the budget, so tiles always find memory.</li>
 *   <li>A render that could never fit is refused at once ({@link InvalidRequestException}, 400,
 *       naming its size); one that does not fit now waits up to {@link #MEMORY_WAIT_MS} for
 *       others to finish, then gets {@link OverloadedException} (503).</li>
 * </ul>
 */
public final class Admission {
    public static final long LIGHT_BYTES = 8L << 20;
    static final long MEMORY_WAIT_MS = 2_000;

    private final WorkGate gate;
    private final MemoryBudget budget;

    public Admission(WorkGate gate, MemoryBudget budget) {
        this.gate = gate;
        this.budget = budget;
    }

    /**
     * Runs {@code job}, which renders {@code plan} from a source of {@code channels} channels,
     * under the plan's lane and memory reservation.
     */
    public <T, E extends Exception> T run(Plan plan, int channels, WorkGate.Job<T, E> job) throws E {
        return run(WorkingSet.of(plan, channels), job);
    }

    /** Runs {@code job}, which holds at most {@code ws}, under its lane and memory reservation. */
    public <T, E extends Exception> T run(WorkingSet ws, WorkGate.Job<T, E> job) throws E {
        WorkGate.Lane lane = lane(ws);
        long ceiling = ceiling(lane);
        if (ws.bytes() > ceiling) {
            throw new InvalidRequestException("requested image needs " + megabytes(ws.bytes())
                    + " MB of memory to render, more than this server allows for one image ("
                    + megabytes(ceiling) + " MB)");
        }
        return gate.run(lane, () -> {
            try (MemoryBudget.Reservation r = reserve(ws.bytes(), ceiling)) {
                return job.run();
            }
        });
    }

    /**
     * By the larger of what the render holds and what it decodes: a region streamed into its
     * scaling holds little but still decodes every tile under it, and that work is an export's.
     */
    public static WorkGate.Lane lane(WorkingSet ws) {
        return Math.max(ws.bytes(), ws.readBytes()) <= LIGHT_BYTES ? WorkGate.Lane.TILE : WorkGate.Lane.EXPORT;
    }

    /** The most one lane may hold at once: exports leave a quarter of the budget to tiles. */
    public long ceiling(WorkGate.Lane lane) {
        return lane == WorkGate.Lane.TILE ? budget.capacity() : budget.capacity() / 4 * 3;
    }

    public MemoryBudget budget() { return budget; }

    public WorkGate gate() { return gate; }

    private MemoryBudget.Reservation reserve(long bytes, long ceiling) {
        try {
            MemoryBudget.Reservation r = budget.reserve(bytes, ceiling, MEMORY_WAIT_MS, TimeUnit.MILLISECONDS);
            if (r == null) throw new OverloadedException("server busy: not enough memory free", 2);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("server busy", 1);
        }
    }

    private static long megabytes(long bytes) { return (bytes + (1 << 20) - 1) >> 20; }
}
