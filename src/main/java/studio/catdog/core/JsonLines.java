package studio.catdog.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the command line and the prediction server write: one line, nulls kept, no HTML escaping, and NaN and
 * infinities as null (JSON has neither).
 */
public final class JsonLines {

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private JsonLines() {}

    /**
     * @param value maps, lists, strings, numbers, booleans (or any object Gson writes)
     * @return it as one line of JSON
     */
    public static String write(Object value) {
        return GSON.toJson(withoutNonFinite(value));
    }

    private static Object withoutNonFinite(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, withoutNonFinite(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(JsonLines::withoutNonFinite).toList();
        }
        return value;
    }
}
