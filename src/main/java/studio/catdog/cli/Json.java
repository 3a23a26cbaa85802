package studio.catdog.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** One-line JSON output for the command line; NaN and infinities become null (JSON has neither). */
final class Json {

    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Json() {}

    static String line(Object value) {
        return GSON.toJson(clean(value));
    }

    static Object clean(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : d;
        }
        if (value instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? null : f;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, clean(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(Json::clean).toList();
        }
        return value;
    }
}
