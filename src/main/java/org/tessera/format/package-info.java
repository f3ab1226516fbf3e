/**
 * The output-format registry: what each format is called, its MIME type, alpha, quality variable
 * and IIP tile command. Imports only {@code config}; encoders live in {@code codec}.
 */
package org.tessera.format;
