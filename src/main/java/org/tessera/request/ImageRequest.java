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
 * @param layers         quality layers to decode (IIP LYR, JPEG 2000 only); 0 = the configured default (MAX_LAYERS)
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
        Optional<TileAddress> tile,
        Processing processing,
        int layers) {

    public ImageRequest {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("output size must be positive");
        if (region.isEmpty()) throw new IllegalArgumentException("empty region");
        java.util.Objects.requireNonNull(processing, "processing");
        if (layers < 0) throw new IllegalArgumentException("layers must be 0 (the default) or more");
    }

    /** A request with the configured quality layers. */
    public ImageRequest(String identifier, int page, Rect region, int width, int height, Rotation rotation, Quality quality,
                        OutputFormat format, int encoderQuality, Optional<TileAddress> tile, Processing processing) {
        this(identifier, page, region, width, height, rotation, quality, format, encoderQuality, tile, processing, 0);
    }

    /** A request without sample processing. */
    public ImageRequest(String identifier, int page, Rect region, int width, int height, Rotation rotation, Quality quality,
                        OutputFormat format, int encoderQuality, Optional<TileAddress> tile) {
        this(identifier, page, region, width, height, rotation, quality, format, encoderQuality, tile, Processing.NONE);
    }

    public ImageRequest withProcessing(Processing p) {
        return new ImageRequest(identifier, page, region, width, height, rotation, quality, format, encoderQuality, tile, p,
                layers);
    }

    /** The same request decoding {@code n} quality layers (JPEG 2000; 0 = the configured default). */
    public ImageRequest withLayers(int n) {
        return new ImageRequest(identifier, page, region, width, height, rotation, quality, format, encoderQuality, tile,
                processing, n);
    }

    public boolean usesDefaultQuality() { return encoderQuality < 0; }
}
