package org.tessera.request;

import java.util.Optional;
import org.tessera.format.OutputFormat;
import org.tessera.image.Rect;
import org.tessera.image.TileAddress;

/**
 * The one protocol-neutral image request every protocol parser produces. Everything is already
 * resolved against the image (pixels, not percentages); validation happened in the parser.
 *
 * @param identifier     image path relative to FILESYSTEM_PREFIX (decoded)
 * @param page           stack page / horizontal view (IIP SDS, IIIF_DELIMITER), 0 normally
 * @param region         the region in full-resolution pixels, inside the image
 * @param width          output width before rotation (after scaling the region)
 * @param height         output height before rotation
 * @param encoderQuality JPEG/WebP quality or PNG level asked for (QLT); -1 = the configured default
 * @param tile           set when the protocol addressed one stored tile directly (IIP JTL,
 *                       DeepZoom, Zoomify): region/width/height then describe exactly that tile
 */
public record ImageRequest(
        String identifier,
        int page,
        Rect region,
        int width,
        int height,
        Rotation rotation,
        Quality quality,
        OutputFormat format,
        int encoderQuality,
        Optional<TileAddress> tile) {

    public ImageRequest {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("output size must be positive");
        if (region.isEmpty()) throw new IllegalArgumentException("empty region");
    }

    public boolean usesDefaultQuality() { return encoderQuality < 0; }
}
