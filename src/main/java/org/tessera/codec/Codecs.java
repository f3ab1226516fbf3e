package org.tessera.codec;

import java.util.Optional;
import org.tessera.request.OutputFormat;

/** The codecs this process has: native (libjpeg-turbo, libwebp) when present, JDK fallbacks otherwise. */
public interface Codecs {
    JpegDecoder jpegDecoder();

    /** Empty when the format cannot be produced here (so it is never advertised). */
    Optional<ImageEncoder> encoder(OutputFormat format);

    /** True when libjpeg-turbo is in use (false: JDK ImageIO fallback). */
    boolean nativeJpeg();
}
