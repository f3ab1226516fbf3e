package org.tessera.pipeline;

/**
 * How a plan's region is read. A plan whose first step is a Scale has its region streamed into
 * that step (decoded a strip of tiles at a time, or one tile used in place) at {@code scale};
 * any other plan reads the region whole at the level's resolution, which is then its first
 * image anyway. Decided before the render, so admission can reserve what it will hold.
 *
 * @param streamed whether the region is streamed into the plan's first (Scale) step
 * @param decoders the most threads decoding tiles at once, each holding one decoded tile
 */
public record ReadStrategy(DecodeScale scale, boolean streamed, int decoders) {
    public ReadStrategy {
        if (!streamed && scale.reduced()) throw new IllegalArgumentException("only streamed reads are reduced");
        if (decoders < 1) throw new IllegalArgumentException("decoders " + decoders);
    }

    /** The whole region at the level's resolution, one tile decoded at a time. */
    public static final ReadStrategy WHOLE = new ReadStrategy(DecodeScale.FULL, false, 1);
}
