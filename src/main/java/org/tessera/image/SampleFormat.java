package org.tessera.image;

/** How stored samples are to be read (TIFF SampleFormat). */
public enum SampleFormat { UNSIGNED_INT, SIGNED_INT, FLOAT }
