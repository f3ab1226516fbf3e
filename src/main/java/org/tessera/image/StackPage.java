package org.tessera.image;

/**
 * One page of a multi-page image (a TIFF stack): its name (DocumentName, empty when absent) and
 * the physical size of one sample unit (TIFF tag 37439, STONITS; 1 when absent), which iipsrv
 * reports in OBJ=stack and multiplies PFL profiles by.
 */
public record StackPage(String name, double scale) {
}
