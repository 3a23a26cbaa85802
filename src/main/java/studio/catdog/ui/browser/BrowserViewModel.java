package studio.catdog.ui.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.SkippedFile;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The data set browser's state: opening a folder, filtering its images by split and class, and the
 * counts and problems found while scanning. No Nodes; tested without a toolkit.
 */
public final class BrowserViewModel {

    /** The "all" choice of the class filter. */
    public static final String ALL_CLASSES = Messages.get("browser.allClasses");

    private final ModelService service;
    private final Session session;
    private final AppSettings settings;
    private final UiJobs jobs;

    private final ObjectProperty<Split> splitFilter = new SimpleObjectProperty<>(this, "splitFilter");
    private final ObjectProperty<String> classFilter = new SimpleObjectProperty<>(this, "classFilter", ALL_CLASSES);
    private final ObservableList<String> classChoices = FXCollections.observableArrayList(ALL_CLASSES);
    private final ObservableList<ImageSample> visible = FXCollections.observableArrayList();
    private final ObservableList<ClassCountRow> counts = FXCollections.observableArrayList();
    private final ObservableList<DatasetIssue> issues = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning");
    private final ReadOnlyDoubleWrapper scanProgress = new ReadOnlyDoubleWrapper(this, "scanProgress", -1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder");
    private Path shownRoot;

    /**
     * @param service opens data sets
     * @param session holds the open data set
     * @param settings remembers the last folder
     * @param executor moves results to the UI thread
     */
    public BrowserViewModel(ModelService service, Session session, AppSettings settings, TaskExecutor executor) {
        this.service = service;
        this.session = session;
        this.settings = settings;
        this.jobs = new UiJobs(executor, session);
        placeholder.set(Messages.get("browser.placeholderNoDataset"));
        splitFilter.addListener((o, a, b) -> refilter());
        classFilter.addListener((o, a, b) -> refilter());
        session.datasetProperty().addListener((o, a, d) -> show(d));
    }

    /**
     * Scans a folder in the background and makes it the open data set.
     *
     * @param root the folder
     * @return completes on the UI thread after the data set is shown (or the error reported)
     */
    public CompletableFuture<Dataset> open(Path root) {
        scanning.set(true);
        scanProgress.set(-1);
        summary.set(Messages.get("browser.scanning", root));
        return jobs.job(() -> service.openDataset(root))
                .onProgress(p -> {
                    if (scanning.get()) {
                        scanProgress.set(p.total() > 0 ? p.done() / p.total() : -1);
                        summary.set(Messages.get("browser.scanningProgress", root, (int) p.done(), (int) p.total()));
                    }
                })
                .onDone(() -> scanning.set(false))
                .onSuccess(d -> {
                    settings.setLastDataset(root);
                    session.clearError();
                    boolean unchanged = d.equals(session.datasetProperty().get());
                    session.datasetProperty().set(d);
                    if (unchanged) {
                        // The same folder, unchanged, opened again: the property reports no
                        // change, so show it here, or "Scanning …" would stay.
                        show(d);
                    }
                })
                .onFailure(e -> {
                    summary.set("");
                    show(session.datasetProperty().get());
                })
                .reportFailureAs(Messages.get("browser.opening", root))
                .treatCancelAsFailure()
                .startOrFail();
    }

    private void show(Dataset d) {
        counts.clear();
        issues.clear();
        // A scan of the same folder (after a move, an exclude or an undo) keeps the chosen class; another folder,
        // or a class that is gone, shows all.
        String keep = classFilter.get();
        boolean sameFolder = d != null && d.root().equals(shownRoot);
        shownRoot = d == null ? null : d.root();
        if (d == null) {
            classChoices.setAll(ALL_CLASSES);
            visible.clear();
            summary.set("");
            return;
        }
        List<String> choices = new ArrayList<>();
        choices.add(ALL_CLASSES);
        choices.addAll(d.classes());
        classChoices.setAll(choices);
        classFilter.set(sameFolder && d.classes().contains(keep) ? keep : ALL_CLASSES);
        var train = d.counts(Split.TRAIN);
        var test = d.counts(Split.TEST);
        for (String c : d.classes()) {
            counts.add(new ClassCountRow(c, train.getOrDefault(c, 0), test.getOrDefault(c, 0)));
        }
        List<DatasetIssue> found = new ArrayList<>();
        for (SkippedFile s : d.damaged()) {
            found.add(new DatasetIssue(Messages.get("browser.issue.damaged"), s.path(), s.reason()));
        }
        for (SkippedFile s : d.skipped()) {
            found.add(new DatasetIssue(Messages.get("browser.issue.skipped"), s.path(), s.reason()));
        }
        for (List<Path> group : d.leaked()) {
            found.add(new DatasetIssue(
                    Messages.get("browser.issue.leak"),
                    group.get(0),
                    Messages.get("browser.issue.leakDetail", others(group))));
        }
        for (List<Path> group : d.duplicates()) {
            found.add(new DatasetIssue(
                    Messages.get("browser.issue.duplicate"),
                    group.get(0),
                    Messages.get("browser.issue.duplicateDetail", others(group))));
        }
        issues.setAll(found);
        int trainN = d.samples(Split.TRAIN).size();
        int testN = d.samples(Split.TEST).size();
        summary.set(Messages.get(
                "browser.summary",
                d.root(),
                d.classes().size(),
                trainN,
                testN,
                d.skipped().size(),
                d.duplicates().size(),
                d.leaked().size()));
        placeholder.set(Messages.get("browser.placeholderNoMatch"));
        refilter();
    }

    private static String others(List<Path> group) {
        return String.join(
                ", ",
                group.subList(1, group.size()).stream().map(Path::toString).toList());
    }

    private void refilter() {
        Dataset d = session.datasetProperty().get();
        if (d == null) {
            visible.clear();
            return;
        }
        Split split = splitFilter.get();
        String cls = classFilter.get();
        int label = cls == null || ALL_CLASSES.equals(cls) ? -1 : d.classes().indexOf(cls);
        visible.setAll(d.samples().stream()
                .filter(s -> split == null || s.split() == split)
                .filter(s -> label < 0 || s.label() == label)
                .toList());
    }

    /**
     * Describes one image for the large view.
     *
     * @param s the image
     * @return "cat.1.jpg — cats, training, 24 KB"
     */
    public String describe(ImageSample s) {
        Dataset d = session.datasetProperty().get();
        String label = d == null ? "?" : d.classes().get(s.label());
        return Messages.get(
                "browser.describeImage",
                s.path().getFileName(),
                label,
                Formats.split(s.split()),
                Formats.size(s.sizeBytes()));
    }

    /** @return the split filter; null shows both */
    public ObjectProperty<Split> splitFilterProperty() {
        return splitFilter;
    }

    /** @return the class filter; {@link #ALL_CLASSES} shows all */
    public ObjectProperty<String> classFilterProperty() {
        return classFilter;
    }

    /** @return the class filter's choices */
    public ObservableList<String> classChoices() {
        return classChoices;
    }

    /** @return the images that pass the filters */
    public ObservableList<ImageSample> visibleSamples() {
        return visible;
    }

    /** @return counts per class and split */
    public ObservableList<ClassCountRow> counts() {
        return counts;
    }

    /** @return skipped files, duplicates and leaks */
    public ObservableList<DatasetIssue> issues() {
        return issues;
    }

    /** @return whether a scan runs */
    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** @return scan progress 0..1, negative while unknown */
    public ReadOnlyDoubleProperty scanProgressProperty() {
        return scanProgress.getReadOnlyProperty();
    }

    /** @return one line about the open data set */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** @return what to show where the grid is empty */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** @return the last folder opened, to start the chooser there */
    public Path lastFolder() {
        Dataset d = session.datasetProperty().get();
        return d != null
                ? d.root().getParent()
                : settings.lastDataset().map(Path::getParent).orElse(null);
    }
}
