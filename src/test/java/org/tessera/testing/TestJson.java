package org.tessera.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON in tests with an independent, strict parser (Jackson: duplicate keys and trailing
 * text are errors), never with the production writer's own parser. Objects become Maps, arrays
 * Lists, and every number a Double, so assertions compare numbers one way.
 */
public final class TestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TestJson() {
    }

    /** @throws IllegalArgumentException when {@code text} is not one valid JSON document */
    public static Object parse(String text) {
        try {
            return numbersAsDoubles(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) throw new IllegalArgumentException("not a JSON object: " + text);
        return (Map<String, Object>) v;
    }

    private static Object numbersAsDoubles(Object v) {
        return switch (v) {
            case Number n -> n.doubleValue();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put((String) k, numbersAsDoubles(x)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) out.add(numbersAsDoubles(x));
                yield out;
            }
            case null, default -> v;
        };
    }
}
