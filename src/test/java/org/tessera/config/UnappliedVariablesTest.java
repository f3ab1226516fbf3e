package org.tessera.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnappliedVariablesTest {

    @Test
    void eachSetVariableThatDoesNothingGetsOneWarning() {
        List<String> lines = UnappliedVariables.warnings(Map.of(
                "WATERMARK", "/srv/wm.png", "KAKADU_READMODE", "2", "JPEG_QUALITY", "90", "MAX_ICC", " "));
        assertEquals(List.of(
                "WATERMARK is set but not applied: watermarking is not implemented yet: no watermark is applied",
                "KAKADU_READMODE is set but not applied: Tessera has no Kakadu decoder: the setting has no effect"), lines);
    }

    @Test
    void anEnvironmentOfAppliedVariablesGetsNone() {
        assertTrue(UnappliedVariables.warnings(Map.of("JPEG_QUALITY", "90", "FILESYSTEM_PREFIX", "/srv/")).isEmpty());
    }
}
