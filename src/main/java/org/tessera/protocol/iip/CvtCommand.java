package org.tessera.protocol.iip;

import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.protocol.DownloadName;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Rotation;
import org.tessera.service.RenderedImage;

/** {@code CVT=<format>}: export the current region (RGN) at the requested size (WID/HEI). */
final class CvtCommand {
    /** Largest RGBA buffer a Java array can hold. */
    static final long MAX_OUTPUT_BYTES = Integer.MAX_VALUE - 8;

    private CvtCommand() {
    }

    /** jpeg/jpg/png/webp/tiff/tif, case-insensitive; anything else is JPEG, as iipsrv. */
    static OutputFormat format(String argument) {
        return OutputFormat.fromName(argument.trim()).orElse(OutputFormat.JPEG);
    }

    static HttpResponse run(String argument, Session s) {
        OutputFormat format = format(argument);
        ImageRequest request = request(s.info(), s.identifier(), format, s.view, s.context().config().maxCvt(), s.context().config().allowUpscaling());
        RenderedImage image = s.context().renderer().render(s.source(), request);
        String name = DownloadName.of(s.identifier() + s.context().config().filesystemSuffix(), request.width(), request.height(), format);
        return s.context().responses().image(image, s.lastModified(), name, s.context().http().method().equals("POST"));
    }

    static ImageRequest request(ImageInfo info, String identifier, OutputFormat format, View view, int maxCvt,
                                boolean allowUpscaling) {
        Rect region = CvtSize.region(view.region, info.width(), info.height());
        CvtSize size = CvtSize.of(region, view.width, view.height, maxCvt, allowUpscaling);
        new PyramidGeometry(info).checkPage(view.page);
        // With MAX_CVT=-1 nothing else bounds the output; one buffer that cannot exist must not cost the JVM an OOM.
        if ((long) size.width() * size.height() * 4 > MAX_OUTPUT_BYTES) {
            throw HttpError.badRequest("requested size " + size.width() + "x" + size.height() + " is too large");
        }
        return new ImageRequest(identifier, view.page, size.region(), size.width(), size.height(),
                new Rotation(view.rightAngle(), view.rotation.mirror()), view.quality, format,
                view.encoderQualityFor(format), Optional.empty());
    }
}
