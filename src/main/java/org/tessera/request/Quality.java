package org.tessera.request;

/** Colour treatment of the output (IIIF quality; IIP COL). DEFAULT and COLOR keep the image as it is. */
public enum Quality { DEFAULT, COLOR, GRAY, BITONAL }
