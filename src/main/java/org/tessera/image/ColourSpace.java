package org.tessera.image;

/** Colour interpretation of the stored samples. */
public enum ColourSpace { GREY, BINARY, SRGB, CIELAB, MULTIBAND }
