package studio.catdog.core.prediction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prediction CSV that {@code catdog predict --csv} and the app's <i>Export CSV…</i> write: one
 * row per image with the columns {@code file, label, p_<class>… (one per class), unfamiliar,
 * novelty_score, novelty_threshold, damaged, damage, error}.
 *
 * <p>{@code damaged} is {@code true} when the image file ends early or the decoder warned about it, and
 * {@code damage} says why: the prediction was made from what could be read.
 *
 * <p>{@code unfamiliar} is {@code true} when the image looks like none of the classes: its
 * {@code novelty_score} is above {@code novelty_threshold}, the threshold in effect (the model's own
 * on the command line, the toolbar's in the app). The three are empty when the model has no novelty
 * detector, and every column but {@code file} and {@code error} is empty for a file that failed.
 *
 * <p>Written as RFC 4180: CRLF line ends, a field with a comma, quote or line break in double quotes,
 * a quote doubled. A text field that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or CR: a file or class named so) gets a leading apostrophe,
 * and so does one that starts with an apostrophe itself, so {@link #read} gives the exact text back.
 */
public final class PredictionCsv {

    /** The line end RFC 4180 asks for. */
    public static final String LINE_END = "\r\n";

    private final List<String> classes;
    private final List<String> columns;

    /**
     * The format for a model's classes.
     *
     * @param classes the class names, in the model's order
     */
    public PredictionCsv(List<String> classes) {
        this.classes = List.copyOf(classes);
        List<String> c = new ArrayList<>(List.of("file", "label"));
        this.classes.forEach(name -> c.add("p_" + name));
        c.addAll(List.of("unfamiliar", "novelty_score", "novelty_threshold", "damaged", "damage", "error"));
        this.columns = List.copyOf(c);
    }

    /** @return the column names */
    public List<String> columns() {
        return columns;
    }

    /** @return the header line, with its line end */
    public String header() {
        return line(columns.stream().map(PredictionCsv::text).toList());
    }

    /**
     * One image's row.
     *
     * @param file the image
     * @param prediction its prediction, null when it failed
     * @param error why it failed, null when it did not
     * @param noveltyThreshold the "neither class" threshold in effect, NaN when there is none
     * @return the line, with its line end
     */
    public String row(Path file, Prediction prediction, String error, double noveltyThreshold) {
        List<String> cells = new ArrayList<>(columns.size());
        cells.add(text(file.toString()));
        cells.add(prediction == null ? "" : text(prediction.label()));
        float[] probabilities = prediction == null ? null : prediction.probabilities();
        for (String name : classes) {
            int i = prediction == null ? -1 : prediction.classes().indexOf(name);
            cells.add(i < 0 ? "" : number(probabilities[i]));
        }
        boolean known =
                prediction != null && !Double.isNaN(prediction.noveltyScore()) && !Double.isNaN(noveltyThreshold);
        cells.add(known ? String.valueOf(prediction.unfamiliarAt(noveltyThreshold)) : "");
        cells.add(known ? number(prediction.noveltyScore()) : "");
        cells.add(known ? number(noveltyThreshold) : "");
        cells.add(prediction == null ? "" : String.valueOf(prediction.damaged()));
        cells.add(prediction == null || !prediction.damaged() ? "" : text(prediction.damage()));
        cells.add(error == null ? "" : text(error));
        return line(cells);
    }

    /**
     * A text field as written: guarded against formulas, quoted where needed.
     *
     * @param value the text
     * @return the field
     */
    public static String text(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r'".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String line(List<String> cells) {
        return String.join(",", cells) + LINE_END;
    }

    /**
     * Reads CSV text written in this format (a line end may be CRLF or LF). A last record without its
     * line end, as an interrupted write leaves it, is not returned.
     *
     * @param csv the text
     * @return the complete records and where they end
     */
    public static CsvContents read(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int end = 0;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(unguard(field));
                field.setLength(0);
            } else if (c == '\n' || c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                i += c == '\r' ? 1 : 0;
                fields.add(unguard(field));
                field.setLength(0);
                records.add(List.copyOf(fields));
                fields.clear();
                end = i + 1;
            } else {
                field.append(c);
            }
        }
        return new CsvContents(List.copyOf(records), end);
    }

    private static String unguard(StringBuilder field) {
        return field.length() > 0 && field.charAt(0) == '\'' ? field.substring(1) : field.toString();
    }
}
