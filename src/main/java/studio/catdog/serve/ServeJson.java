package studio.catdog.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import studio.catdog.core.JsonLines;
import studio.catdog.core.prediction.Prediction;

/** The server's JSON: predictions in the shape {@code catdog predict} prints; NaN and infinities become null. */
final class ServeJson {

    private ServeJson() {}

    /**
     * @param value maps, lists, strings, numbers, booleans
     * @return it as JSON
     */
    static String write(Object value) {
        return JsonLines.write(value);
    }

    /**
     * @param message the reason
     * @return {@code {"error": message}}
     */
    static String error(String message) {
        return write(Map.of("error", message));
    }

    /**
     * One prediction: label, probabilities per class, whether it looks like none of the classes and its
     * novelty score (both null when the model has no novelty detector), and, for a damaged image file (it ends
     * early, or the decoder warned), {@code "damaged": true} with the reason in {@code "damage"}.
     *
     * @param p the prediction
     * @return the answer's fields, in order
     */
    static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", p.label());
        out.put("probabilities", p.asMap());
        boolean known = !Double.isNaN(p.noveltyScore());
        out.put("unfamiliar", known ? p.unfamiliar() : null);
        out.put("noveltyScore", known ? p.noveltyScore() : null);
        if (p.damaged()) {
            out.put("damaged", true);
            out.put("damage", p.damage());
        }
        return out;
    }
}
