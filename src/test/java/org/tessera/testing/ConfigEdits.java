package org.tessera.testing;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.tessera.config.Config;

/** Copies a Config with some components replaced, by component name (tests only). */
public final class ConfigEdits {
    private ConfigEdits() {
    }

    public static Config with(Config base, Object... nameValuePairs) {
        RecordComponent[] comps = Config.class.getRecordComponents();
        Object[] values = new Object[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) values[i] = comps[i].getAccessor().invoke(base);
            for (int p = 0; p < nameValuePairs.length; p += 2) {
                String name = (String) nameValuePairs[p];
                int idx = -1;
                for (int i = 0; i < comps.length; i++) if (comps[i].getName().equals(name)) idx = i;
                if (idx < 0) throw new IllegalArgumentException("no Config component " + name);
                values[idx] = nameValuePairs[p + 1];
            }
            Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return Config.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
