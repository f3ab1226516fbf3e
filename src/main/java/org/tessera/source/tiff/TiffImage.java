package org.tessera.source.tiff;

import java.nio.ByteOrder;
import java.util.List;
import org.tessera.image.ImageInfo;

/**
 * What is cached per file: the directory of every pyramid level (index 0 = full resolution, in
 * the same order as {@code info.levels()}) and the derived image description. Immutable, so one
 * instance is shared by every source opened on the same unchanged file.
 */
public record TiffImage(ByteOrder order, List<TiffDirectory> levels, ImageInfo info) {
    public TiffImage {
        levels = List.copyOf(levels);
    }
}
