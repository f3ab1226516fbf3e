/**
 * The engine's failures as domain exceptions. Imports nothing of Tessera; every layer may import it.
 */
package org.tessera.error;
