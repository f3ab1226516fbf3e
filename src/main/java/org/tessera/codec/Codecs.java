package org.tessera.codec;

import java.util.Optional;
import org.tessera.format.OutputFormat;

/** The codecs this process has: native (libjpeg-turbo, libwebp) when present, JDK fallbacks otherwise. */
public interface Codecs {
    JpegDecoder jpegDecoder();

    /** Empty when the format cannot be produced here (so it is never advertised). */
    Optional<ImageEncoder> encoder(OutputFormat format);

    /**
     * Trims a JPEG to width x height from its top-left corner without decoding (the padded edge
     * tiles of a TIFF). Empty when this process cannot do it or the JPEG refuses.
     */
    default Optional<byte[]> losslessCrop(byte[] jpeg, int width, int height) {
        return Optional.empty();
    }

    /** A WebP decoder (for WebP-compressed TIFF tiles) when libwebp is loaded. */
    default Optional<WebpDecoder> webpDecoder() {
        return Optional.empty();
    }

    /** OpenJPEG, for JPEG 2000 input, when libopenjp2 is installed. */
    default Optional<OpenJpeg> openJpeg() {
        return Optional.empty();
    }

    /** pixman and libyuv, for bilinear reductions, when both are installed (else the pipeline scales in Java). */
    default Optional<NativeScaling> scaler() {
        return Optional.empty();
    }

    /** True when libjpeg-turbo is in use (false: JDK ImageIO fallback). */
    boolean nativeJpeg();
}
