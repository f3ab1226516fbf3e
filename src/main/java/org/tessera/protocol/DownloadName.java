package org.tessera.protocol;

import org.tessera.format.OutputFormat;

/**
 * The file name offered in Content-Disposition for exports (IIP CVT, IIIF regions), as iipsrv
 * names them: the image's file name without folders and without its last extension, then
 * {@code _<W>x<H>.<ext>} with the size before rotation. Only letters, digits, '.', '_' and '-'
 * are kept (others become '_'), so the quoted header value can never be broken or carry
 * characters a header cannot.
 */
public final class DownloadName {
    private DownloadName() {
    }

    public static String of(String path, int width, int height, OutputFormat format) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty()) base = "image";
        return base + "_" + width + "x" + height + "." + format.extension();
    }
}
