package org.tessera.pipeline;

import org.tessera.format.OutputFormat;

/**
 * The heap a {@link Plan} will hold at its peak, computed before anything is read, so admission
 * can reserve it. Pixels are 8-bit and interleaved, so an image is width x height x channels
 * bytes. The peak is the largest of:
 * <ul>
 *   <li>reading: the composited region plus one decoded stored tile (and its cropped copy);</li>
 *   <li>each operation: its input and its output, both alive while it runs;</li>
 *   <li>encoding: the final image, its alpha-less copy when the format drops alpha, and the
 *       encoded output, taken as at most the raw size (uncompressed TIFF and incompressible
 *       PNG come close; JPEG and WebP stay well below).</li>
 * </ul>
 * Buffers a codec keeps off the heap (libjpeg-turbo, libwebp) are not counted.
 *
 * @param bytes        peak heap bytes
 * @param readPixels   pixels of the region read from the source
 * @param outputPixels pixels of the encoded result
 */
public record WorkingSet(long bytes, long readPixels, long outputPixels) {

    /** @param channels the source's channels per pixel (1-4 after decoding) */
    public static WorkingSet of(Plan plan, int channels) {
        int ch = Math.max(1, Math.min(4, channels));
        Dimension size = plan.regionSize();
        long region = size.area() * ch;
        long storedTile = (long) plan.level().tileWidth() * plan.level().tileHeight() * ch;
        long peak = region + 2 * storedTile;
        long current = region;
        for (Operation op : plan.operations()) {
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
        return new WorkingSet(peak, plan.regionSize().area(), plan.outputSize().area());
    }

    private static int channelsAfter(Operation op, int ch) {
        return switch (op) {
            case Operation.ColourConvert c -> ch == 2 || ch == 4 ? 2 : 1;
            case Operation.Rotate r when !r.isRightAngle() && r.transparentBackground() -> ch == 1 || ch == 3 ? ch + 1 : ch;
            default -> ch;
        };
    }
}
