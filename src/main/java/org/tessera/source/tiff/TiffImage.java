package org.tessera.source.tiff;

import java.nio.ByteOrder;
import java.util.List;
import org.tessera.image.ImageInfo;
import org.tessera.image.StackPage;

/**
 * What is cached per file: the directory of every pyramid level (index 0 = full resolution, in
 * the same order as {@code info.levels()}) of every page, and the derived image description.
 * Immutable, so one instance is shared by every source opened on the same unchanged file.
 *
 * @param levels the levels of page 0
 * @param pages  the levels of each page; one entry (equal to {@code levels}) for a single image
 * @param stack  name and scale of each page of a stack, empty for a single image
 */
public record TiffImage(ByteOrder order, List<TiffDirectory> levels, ImageInfo info, List<List<TiffDirectory>> pages,
                        List<StackPage> stack) {
    public TiffImage {
        levels = List.copyOf(levels);
        pages = pages.stream().map(List::copyOf).toList();
        stack = List.copyOf(stack);
    }

    /** A single (non-stack) image. */
    public TiffImage(ByteOrder order, List<TiffDirectory> levels, ImageInfo info) {
        this(order, levels, info, List.of(levels), List.of());
    }

    /** A striped image, served through virtual tiles and levels ({@link StripedTiles}). */
    public boolean striped() { return levels.get(0).striped(); }

    public TiffImage withInfo(ImageInfo newInfo) {
        return new TiffImage(order, levels, newInfo, pages, stack);
    }
}
