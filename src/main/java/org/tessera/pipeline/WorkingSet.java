package org.tessera.pipeline;

import org.tessera.format.OutputFormat;
import org.tessera.image.Level;
import org.tessera.image.Rect;

/**
 * The heap a {@link Plan} will hold at its peak, computed before anything is read, so admission
 * can reserve it. Pixels are 8-bit and interleaved, so an image is width x height x channels
 * bytes. The peak is the largest of:
 * <ul>
 *   <li>reading a region whole: the region plus, for each thread decoding, one decoded stored
 *       tile and its cropped copy (edge tiles);</li>
 *   <li>reading a region streamed into the first Scale ({@link ReadStrategy}): two or three
 *       strips of tiles at the decode scale (or the one tile used in place), the decoded tiles in
 *       flight, and the Scale's output;</li>
 *   <li>each operation: its input and its output, both alive while it runs;</li>
 *   <li>encoding: the final image, its alpha-less copy when the format drops alpha, and the
 *       encoded output, taken as at most the raw size (uncompressed TIFF and incompressible
 *       PNG come close; JPEG and WebP stay well below).</li>
 * </ul>
 * Buffers a codec keeps off the heap (libjpeg-turbo, libwebp) are not counted.
 *
 * @param bytes        peak heap bytes
 * @param readPixels   pixels of the region read from the source, at the level's resolution
 * @param outputPixels pixels of the encoded result
 * @param readBytes    the region at the level's resolution: what the render decodes, whatever
 *                     it holds at once, so a measure of its work
 */
public record WorkingSet(long bytes, long readPixels, long outputPixels, long readBytes) {

    /** Read whole, one tile decoded at a time. */
    public static WorkingSet of(Plan plan, int channels) {
        return of(plan, channels, ReadStrategy.WHOLE);
    }

    /** @param channels the source's channels per pixel (1-4 after decoding) */
    public static WorkingSet of(Plan plan, int channels, ReadStrategy read) {
        int ch = Math.max(1, Math.min(4, channels));
        Dimension size = plan.regionSize();
        long region = size.area() * ch;
        long peak;
        long current;
        int skip;
        if (read.streamed()) {
            Operation.Scale scale = (Operation.Scale) plan.operations().get(0);
            size = scale.outputSize(size);
            current = size.area() * ch;
            peak = streamed(plan, read, ch) + current;
            skip = 1;
        } else {
            long storedTile = (long) plan.level().tileWidth() * plan.level().tileHeight() * ch;
            peak = region + 2 * storedTile * read.decoders();
            current = region;
            skip = 0;
        }
        for (Operation op : plan.operations().subList(skip, plan.operations().size())) {
            if (op instanceof Operation.Encode e) {
                long copy = e.format() == OutputFormat.JPEG && (ch == 2 || ch == 4) ? current / ch * (ch - 1) : 0;
                peak = Math.max(peak, 2 * current + copy);
                break;
            }
            Dimension outSize = op.outputSize(size);
            ch = channelsAfter(op, ch);
            long out = outSize.area() * ch;
            peak = Math.max(peak, current + out);
            current = out;
            size = outSize;
        }
        return new WorkingSet(peak, plan.regionSize().area(), plan.outputSize().area(), region);
    }

    /**
     * What a streamed read holds: strip buffers as wide as the region at the decode scale and as
     * tall as a scaled tile (at least one scaled tile wide: a single tile is used in place), two,
     * or three when helpers decode the next strip ahead, and per decoding thread one decoded tile
     * with the copy a source may crop it into.
     */
    private static long streamed(Plan plan, ReadStrategy read, int ch) {
        Level level = plan.level();
        DecodeScale scale = read.scale();
        Rect cover = scale.cover(plan.region(), level);
        long tileWidth = scale.tileWidth(level), tileHeight = scale.tileHeight(level);
        long strips = (read.decoders() > 1 ? 3 : 2) * Math.max(cover.width(), tileWidth) * tileHeight * ch;
        return strips + 2 * tileWidth * tileHeight * ch * read.decoders();
    }

    private static int channelsAfter(Operation op, int ch) {
        return switch (op) {
            case Operation.ColourConvert c -> ch == 2 || ch == 4 ? 2 : 1;
            case Operation.Rotate r when !r.isRightAngle() && r.transparentBackground() -> ch == 1 || ch == 3 ? ch + 1 : ch;
            default -> ch;
        };
    }
}
