package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The language of the texts: English by default (surefire runs the tests with an English OS locale), German for a
 * German locale, and the patterns written so that numbers, plurals and quotes come out right in both. The process's
 * language is never switched here: each bundle is read on its own.
 */
class MessagesTest {

    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle(Messages.BUNDLE, Locale.ENGLISH);
    private static final ResourceBundle GERMAN = ResourceBundle.getBundle(Messages.BUNDLE, Locale.GERMAN);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");

    @Test
    void theDefaultLanguageIsEnglishWithTheNumbersItAlwaysHad() {
        assertThat(Locale.getDefault().getLanguage()).as("the tests' OS locale").isEqualTo("en");
        assertThat(Messages.locale()).isEqualTo(Locale.ROOT);
        assertThat(Messages.get("main.menu.file")).isEqualTo("_File");
        assertThat(Messages.get("jobs.ready")).isEqualTo("Ready");
        assertThat(Formats.percent(0.975)).isEqualTo("97.5 %");
        assertThat(Formats.timeLeft(3900)).isEqualTo("about 1 h 05 min left");
    }

    @Test
    void everyEnglishLocaleGetsTheEnglishTextsAndAGermanOneTheGermanTexts() {
        for (Locale english : List.of(Locale.ENGLISH, Locale.US, Locale.UK, Locale.ROOT)) {
            assertThat(Messages.get(ResourceBundle.getBundle(Messages.BUNDLE, english), "main.menu.file"))
                    .as("%s", english)
                    .isEqualTo("_File");
        }
        for (Locale german : List.of(Locale.GERMAN, Locale.GERMANY, new Locale("de", "AT"), new Locale("de", "CH"))) {
            ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, german);
            assertThat(bundle.getLocale().getLanguage()).isEqualTo("de");
            assertThat(Messages.get(bundle, "main.menu.file")).as("%s", german).isEqualTo("_Datei");
        }
    }

    @Test
    void pluralsComeFromChoiceFormat() {
        assertThat(Messages.get(ENGLISH, "training.trainedAll", 1)).isEqualTo("Trained all 1 epoch");
        assertThat(Messages.get(ENGLISH, "training.trainedAll", 15)).isEqualTo("Trained all 15 epochs");
        assertThat(Messages.get(ENGLISH, "training.trainedAll", 0)).isEqualTo("Trained all 0 epochs");
        assertThat(Messages.get(GERMAN, "training.trainedAll", 1)).isEqualTo("1 Epoche vollständig trainiert");
        assertThat(Messages.get(GERMAN, "training.trainedAll", 15)).isEqualTo("15 Epochen vollständig trainiert");
        assertThat(Messages.get(ENGLISH, "folder.neither", 1)).isEqualTo("; 1 looks like neither class");
        assertThat(Messages.get(ENGLISH, "folder.neither", 2)).isEqualTo("; 2 look like neither class");
        assertThat(Messages.get(ENGLISH, "folder.neither", 0)).isEqualTo("; 0 look like neither class");
        assertThat(Messages.get(GERMAN, "folder.neither", 1)).isEqualTo("; 1 sieht nach keiner Klasse aus");
        // Issue 20: "1 you kept are not shown".
        assertThat(Messages.get(ENGLISH, "audit.summaryKept", 1)).isEqualTo(" (1 image you kept is not shown)");
        assertThat(Messages.get(ENGLISH, "audit.summaryKept", 3)).isEqualTo(" (3 images you kept are not shown)");
        assertThat(Messages.get(GERMAN, "audit.summaryKept", 1)).isEqualTo(" (1 beibehaltenes wird nicht gezeigt)");
    }

    @Test
    void countsAreGroupedOnlyWhereTheyAlwaysWereAndInTheLanguagesWay() {
        String english = Messages.get(ENGLISH, "folder.progress", 1234, 5000);
        assertThat(english).isEqualTo("Classified 1,234 of 5,000 images…");
        assertThat(Messages.get(GERMAN, "folder.progress", 1234, 5000))
                .isEqualTo("1.234 von 5.000 Bildern klassifiziert…");
        assertThat(Messages.get(ENGLISH, "training.resultNoTest", 4000))
                .isEqualTo("Trained on 4000 images (no test images to measure accuracy).");
    }

    @Test
    void quotesAreWrittenForHowEachTextIsUsed() {
        assertThat(Messages.get(ENGLISH, "main.useGpuOffer", "3", "/cache"))
                .contains("PyTorch's CUDA library")
                .contains("DJL's server");
        List<String> wrong = new ArrayList<>();
        for (ResourceBundle bundle : List.of(ENGLISH, GERMAN)) {
            for (String key : bundle.keySet()) {
                String text = bundle.getString(key);
                boolean pattern = PLACEHOLDER.matcher(text).find();
                // A pattern doubles its single quotes; a text without placeholders is shown as written.
                String quotes = text.replace("''", "");
                if (pattern ? quotes.contains("'") : text.contains("''")) {
                    wrong.add(bundle.getLocale() + " " + key + ": " + text);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
