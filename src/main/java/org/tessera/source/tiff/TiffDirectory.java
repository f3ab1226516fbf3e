package org.tessera.source.tiff;

import java.util.List;
import java.util.Map;

/**
 * The fields of one IFD that matter for serving tiles. Arrays of per-sample values keep the first
 * value only where the format requires all samples to agree in practice (BitsPerSample, SampleFormat).
 *
 * @param tileWidth       0 when the directory is stored in strips
 * @param jpegTables      abbreviated table stream (SOI ... EOI), empty when absent
 * @param sMin            SMinSampleValue per sample, empty when absent
 * @param resolutionUnit  1 none, 2 inch, 3 centimetre (TIFF default 2)
 * @param metadata        keys as iipsrv names them (creator, rights, date, ...)
 * @param subIfds         reduced-resolution SubIFDs (parsed only for the first directory)
 * @param codecFields     raw values of the {@link TiffTags#CODEC_FIELDS} present, by tag
 */
record TiffDirectory(
        long offset,
        long newSubfileType,
        int width,
        int height,
        int bitsPerSample,
        int samplesPerPixel,
        int compression,
        int photometric,
        int planarConfig,
        int predictor,
        int sampleFormat,
        int[] extraSamples,
        int tileWidth,
        int tileLength,
        TiffArray tileOffsets,
        TiffArray tileByteCounts,
        byte[] jpegTables,
        double[] sMin,
        double[] sMax,
        double xResolution,
        double yResolution,
        int resolutionUnit,
        int[] ycbcrSubsampling,
        Map<String, String> metadata,
        List<TiffDirectory> subIfds,
        Map<Integer, long[]> codecFields) {

    /** The first value of a codec field, or {@code fallback} when the file does not have it. */
    long codecField(int tag, long fallback) {
        long[] v = codecFields.get(tag);
        return v == null || v.length == 0 ? fallback : v[0];
    }

    boolean tiled() { return tileWidth > 0 && tileLength > 0 && tileOffsets != null; }

    boolean reducedResolution() { return (newSubfileType & 1) != 0; }

    int tilesAcross() { return (int) ((width + (long) tileWidth - 1) / tileWidth); }

    int tilesDown() { return (int) ((height + (long) tileLength - 1) / tileLength); }

    /** Bytes of one decoded tile row of one plane; 1-bit rows are padded to whole bytes as TIFF stores them. */
    long tileRowBytes() {
        int samples = planarConfig == 2 ? 1 : samplesPerPixel;
        return ((long) tileWidth * samples * bitsPerSample + 7) / 8;
    }
}
