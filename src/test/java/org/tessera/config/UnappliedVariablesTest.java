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
                "MEMCACHED_SERVERS", "localhost", "KAKADU_READMODE", "2", "JPEG_QUALITY", "90", "MAX_LAYERS", " ", "WATERMARK", "/srv/wm.png"));
        assertEquals(List.of(
                "KAKADU_READMODE is set but not applied: Tessera has no Kakadu decoder: the setting has no effect"), lines);
    }

    @Test
    void anEnvironmentOfAppliedVariablesGetsNone() {
        assertTrue(UnappliedVariables.warnings(Map.of("JPEG_QUALITY", "90", "FILESYSTEM_PREFIX", "/srv/")).isEmpty());
    }
}
