package studio.catdog.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prediction CSV of {@code catdog predict --csv} and the app's export: columns, quoting, reading back. */
class PredictionCsvTest {

    private final PredictionCsv csv = new PredictionCsv(List.of("cats", "dogs"));

    @Test
    void columnsAndTheMeaningOfUnfamiliar() {
        assertThat(csv.header())
                .isEqualTo(
                        "file,label,p_cats,p_dogs,unfamiliar,novelty_score,novelty_threshold,damaged,damage,error\r\n");
        Prediction p = new Prediction("a", List.of("cats", "dogs"), new float[] {0.25f, 0.75f}, 0.5, 0.3);
        // At the model's threshold, and at a user's higher one: the threshold in effect is in the row.
        assertThat(csv.row(Path.of("photos/a.jpg"), p, null, 0.3))
                .isEqualTo("photos/a.jpg,dogs,0.250000,0.750000,true,0.500000,0.300000,false,,\r\n");
        assertThat(csv.row(Path.of("photos/a.jpg"), p, null, 0.6))
                .isEqualTo("photos/a.jpg,dogs,0.250000,0.750000,false,0.500000,0.600000,false,,\r\n");
        // No detector: the three novelty columns are empty, not "false".
        Prediction plain = new Prediction("b", List.of("cats", "dogs"), new float[] {0.9f, 0.1f});
        assertThat(csv.row(Path.of("b.jpg"), plain, null, Double.NaN))
                .isEqualTo("b.jpg,cats,0.900000,0.100000,,,,false,,\r\n");
        // Probabilities go to their class's column whatever the prediction's class order.
        Prediction swapped = new Prediction("c", List.of("dogs", "cats"), new float[] {0.8f, 0.2f});
        assertThat(csv.row(Path.of("c.jpg"), swapped, null, Double.NaN))
                .isEqualTo("c.jpg,dogs,0.200000,0.800000,,,,false,,\r\n");
        // A damaged image: predicted from what could be read, and the row says so and why.
        Prediction damaged = plain.withDamage("the JPEG file ends early (no end-of-image marker)");
        assertThat(csv.row(Path.of("e.jpg"), damaged, null, Double.NaN))
                .isEqualTo(
                        "e.jpg,cats,0.900000,0.100000,,,,true,the JPEG file ends early (no end-of-image marker),\r\n");
        assertThat(csv.row(Path.of("d.jpg"), null, "not an image, sorry", Double.NaN))
                .isEqualTo("d.jpg,,,,,,,,,\"not an image, sorry\"\r\n");
    }

    @Test
    void quotesGuardsFormulasAndReadsBackExactlyUpToATornLastRow() {
        assertThat(PredictionCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(PredictionCsv.text("-1")).isEqualTo("'-1");
        assertThat(PredictionCsv.text("'quoted")).isEqualTo("''quoted");
        assertThat(PredictionCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");

        PredictionCsv odd = new PredictionCsv(List.of("+plus", "@at"));
        Prediction p = new Prediction("x", List.of("+plus", "@at"), new float[] {0.5f, 0.5f});
        String complete = odd.header()
                + odd.row(Path.of("=cmd|' /C calc'!A0.jpg"), p, null, Double.NaN)
                + odd.row(Path.of("'a, \"b\".jpg"), null, "line one\r\nline two", Double.NaN);
        String text =
                complete + odd.row(Path.of("torn.jpg"), p, null, Double.NaN).substring(0, 8);

        CsvContents read = PredictionCsv.read(text);

        assertThat(read.length()).isEqualTo(complete.length());
        assertThat(read.records())
                .containsExactly(
                        odd.columns(),
                        List.of("=cmd|' /C calc'!A0.jpg", "+plus", "0.500000", "0.500000", "", "", "", "false", "", ""),
                        List.of("'a, \"b\".jpg", "", "", "", "", "", "", "", "", "line one\r\nline two"));
        assertThat(PredictionCsv.read(complete.replace("\r\n", "\n")).records()).hasSize(3);
    }
}
