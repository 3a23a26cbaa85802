package studio.catdog.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.Axis;
import javafx.scene.chart.Chart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import studio.catdog.core.service.ModelService;
import studio.catdog.testing.TestServices;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.shell.JobsView;

/**
 * The window in German, picked by the operating system's locale alone: every view's FXML loads with the German
 * bundle, a few texts read as they should, and no text the window shows (labels, buttons, tabs, menus, columns,
 * placeholders, tooltips, charts, prompts) is one of the English texts that has a different German one.
 *
 * <p>Runs in its own surefire execution whose JVM has {@code -Duser.language=de} (the other tests run in English);
 * elsewhere it is skipped.
 */
@ExtendWith(ApplicationExtension.class)
class GermanUiTest {

    @TempDir
    static Path tmp;

    static ModelService service;

    private AppWindow window;

    @BeforeAll
    static void setUpAll() {
        assumeTrue(
                "de".equals(Locale.getDefault().getLanguage()),
                "runs in the surefire execution 'german-ui' (-Duser.language=de), not in an English JVM");
        service = TestServices.service(tmp.resolve("home"));
    }

    @AfterAll
    static void tearDownAll() {
        if (service != null) {
            service.close();
        }
    }

    @Start
    void start(Stage stage) {
        if (service == null) {
            return;
        }
        RealPathDialogService dialogs = new RealPathDialogService(tmp.resolve("chosen"));
        window = AppWindow.show(stage, service, dialogs, tmp.resolve("settings.properties"));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        if (window != null) {
            window.close();
        }
    }

    @Test
    void theWholeWindowSpeaksGerman() throws Exception {
        assertThat(Messages.locale().getLanguage()).isEqualTo("de");
        List<String> shown = AppWindow.onFx(() -> {
            List<String> texts = new ArrayList<>();
            collect(window.root(), texts);
            texts.add(jobsViewPlaceholder());
            return texts;
        });

        assertThat(shown)
                .contains(
                        "_Datei",
                        "_Modell",
                        "_Ansicht",
                        "Datensatz",
                        "Vorhersage",
                        "Kalibrierung",
                        "_Trainieren",
                        "Bereit",
                        "Bilder pro Klasse",
                        "Genauigkeit je Sicherheitsstufe",
                        "Keine Aufgabe läuft oder wartet.");
        assertThat(shown).anyMatch(t -> t.startsWith("Willkommen!"));
        Set<String> english = englishOnlyTexts();
        assertThat(new TreeSet<>(shown.stream().filter(english::contains).toList()))
                .as("English texts in the German window")
                .isEmpty();
    }

    /** The status bar's job list is built on demand: load its FXML as the window does, with the German bundle. */
    private String jobsViewPlaceholder() throws Exception {
        FXMLLoader loader = new FXMLLoader(JobsView.class.getResource("JobsView.fxml"), Messages.bundle());
        loader.setControllerFactory(type -> new JobsView(window.ui().jobsViewModel()));
        Parent root = loader.load();
        ListView<?> list = (ListView<?>) AppWindow.allNodes(root).stream()
                .filter(n -> n instanceof ListView<?>)
                .findFirst()
                .orElseThrow();
        return ((Labeled) list.getPlaceholder()).getText();
    }

    /** Each English text whose German text differs: none of these may be shown. */
    private static Set<String> englishOnlyTexts() {
        ResourceBundle english = ResourceBundle.getBundle(Messages.BUNDLE, Locale.ROOT);
        ResourceBundle german = Messages.bundle();
        Set<String> texts = new HashSet<>();
        for (String key : english.keySet()) {
            String en = english.getString(key);
            if (!en.equals(german.getString(key)) && !en.contains("{")) {
                texts.add(en);
            }
        }
        return texts;
    }

    /** Every text a node shows or holds for later (tooltips, placeholders, chart titles, columns, menus, tabs). */
    private static void collect(Node root, List<String> into) {
        for (Node n : AppWindow.allNodes(root)) {
            if (n instanceof Labeled l) {
                add(into, l.getText());
            }
            if (n instanceof TextInputControl t) {
                add(into, t.getPromptText());
            }
            if (n instanceof Control c && c.getTooltip() != null) {
                add(into, c.getTooltip().getText());
            }
            if (n instanceof TabPane tabs) {
                for (Tab tab : tabs.getTabs()) {
                    add(into, tab.getText());
                    if (tab.getContent() != null) {
                        collect(tab.getContent(), into);
                    }
                }
            }
            if (n instanceof MenuBar bar) {
                for (Menu menu : bar.getMenus()) {
                    add(into, menu.getText());
                    for (MenuItem item : menu.getItems()) {
                        add(into, item.getText());
                    }
                }
            }
            if (n instanceof TableView<?> table) {
                for (TableColumn<?, ?> column : table.getColumns()) {
                    add(into, column.getText());
                }
                if (table.getPlaceholder() != null) {
                    collect(table.getPlaceholder(), into);
                }
            }
            if (n instanceof ListView<?> list && list.getPlaceholder() != null) {
                collect(list.getPlaceholder(), into);
            }
            if (n instanceof Chart chart) {
                add(into, chart.getTitle());
            }
            if (n instanceof XYChart<?, ?> chart) {
                for (XYChart.Series<?, ?> series : chart.getData()) {
                    add(into, series.getName());
                }
            }
            if (n instanceof Axis<?> axis) {
                add(into, axis.getLabel());
            }
        }
    }

    private static void add(List<String> into, String text) {
        if (text != null && !text.isBlank()) {
            into.add(text);
        }
    }
}
