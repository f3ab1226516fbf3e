package org.tessera.source.tiff;

import java.nio.ByteOrder;
import java.util.List;

/** The parsed directory layout of one TIFF file: the top-level IFD chain in file order. */
record TiffStructure(boolean bigTiff, ByteOrder order, List<TiffDirectory> directories) {
    TiffStructure {
        directories = List.copyOf(directories);
    }
}
