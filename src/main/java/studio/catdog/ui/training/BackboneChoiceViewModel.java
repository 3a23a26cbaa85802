package studio.catdog.ui.training;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneInfo;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.BackboneStore;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.jobs.JobProgress;
import studio.catdog.core.service.ModelService;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.BackboneChoice.Source;
import studio.catdog.ui.common.Formats;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.UiJobs;

/**
 * The list of pinned backbones in the training pane: each with its size, its speed on this machine
 * (the last run's measured images per second, remembered in the settings) and whether it is
 * downloaded; Download and "Use a file I downloaded…" run as jobs with progress in the status bar.
 * Choosing a row sets the training backbone (the same property the training workspace trains with,
 * so the choice is remembered with it).
 *
 * <p>A default that always trains (issue 20): until the user has trained with a backbone (which the settings then
 * remember), the training backbone is ResNet50 where a ResNet50 form is downloaded and the built-in MobileNetV2
 * otherwise, so the first Train works offline; while no ResNet50 form is here (and no model file of the user's is
 * chosen), the pane offers the one that {@code resnet50} stands for on this machine in one click
 * ({@link #offerProperty()}). No Nodes; tested without a toolkit.
 */
public final class BackboneChoiceViewModel {

    /** What the background check found about one entry. */
    private record Facts(PinnedModel model, boolean downloaded, boolean isDefault) {}

    private final ModelService service;
    private final AppSettings settings;
    private final UiJobs jobs;
    private final BackboneChoice backbone;
    private final ObservableList<BackboneRow> rows = FXCollections.observableArrayList();
    private final Map<String, String> status = new ConcurrentHashMap<>();
    private final ReadOnlyStringWrapper offer = new ReadOnlyStringWrapper(this, "offer");
    private List<Facts> facts = List.of();
    /** Whether the default is still to be decided: nothing remembered, and the user has not chosen yet. */
    private boolean decideDefault;

    /**
     * @param service downloads and imports
     * @param session receives failures; a new model means a new measured speed
     * @param settings the measured speeds
     * @param executor moves results to the UI thread
     * @param backbone the training backbone, which choosing a row sets
     */
    public BackboneChoiceViewModel(
            ModelService service,
            Session session,
            AppSettings settings,
            TaskExecutor executor,
            BackboneChoice backbone) {
        this.service = service;
        this.settings = settings;
        this.jobs = new UiJobs(executor, session);
        this.backbone = backbone;
        this.decideDefault = settings.backbone().isEmpty();
        backbone.textProperty().addListener((o, a, t) -> decideDefault = false);
        backbone.sourceProperty().addListener((o, a, source) -> showOffer());
        session.modelProperty().addListener((o, a, m) -> refresh());
        refresh();
    }

    /** Reads again what is downloaded (file checks, off the UI thread) and the remembered speeds. */
    public void refresh() {
        jobs.call(this::readFacts)
                .onSuccess(found -> {
                    facts = found;
                    if (decideDefault) {
                        decideDefault = false;
                        backbone.set(defaultBackbone(found));
                    }
                    show();
                })
                .start();
    }

    /**
     * The backbone to train with when the user has chosen none yet: {@code resnet50} where the form it stands for
     * here is downloaded, else another downloaded ResNet50 form, else the built-in one (which needs no download).
     */
    private static String defaultBackbone(List<Facts> found) {
        for (Facts f : found) {
            if (f.isDefault() && f.downloaded()) {
                return BackboneSpec.RESNET50;
            }
        }
        for (Facts f : found) {
            if (f.downloaded()) {
                return f.model().id();
            }
        }
        return BackboneSpec.BUILTIN;
    }

    private List<Facts> readFacts() {
        BackboneStore store = service.downloads().backbones();
        String standsFor =
                BackboneSpec.defaultResNet50(service.deviceStatus().usesGpu()).text();
        List<Facts> found = new ArrayList<>();
        for (PinnedModel m : store.sources().all()) {
            found.add(new Facts(m, store.isInstalled(m), m.id().equals(standsFor)));
        }
        return found;
    }

    private void show() {
        List<BackboneRow> next = new ArrayList<>();
        for (Facts f : facts) {
            PinnedModel m = f.model();
            String state = status.getOrDefault(
                    m.id(),
                    f.downloaded() ? Messages.get("backbone.downloaded") : Messages.get("backbone.notDownloaded"));
            next.add(new BackboneRow(
                    m.id(),
                    m.displayName() + (f.isDefault() ? Messages.get("backbone.defaultHere") : ""),
                    m.sizeText() + " · " + speed(m.id()) + " · " + state,
                    f.downloaded(),
                    status.containsKey(m.id()),
                    f.isDefault()));
        }
        rows.setAll(next);
        showOffer();
    }

    private void showOffer() {
        offer.set(offered()
                .map(m -> Messages.get("training.getResNet50", m.sizeText()))
                .orElse(null));
    }

    /**
     * The ResNet50 to offer: the form {@code resnet50} stands for here, while no form is downloaded or downloading,
     * and the user has not chosen a model file of their own.
     */
    private Optional<PinnedModel> offered() {
        boolean any = facts.stream()
                .anyMatch(f -> f.downloaded() || status.containsKey(f.model().id()));
        return any || backbone.source() == Source.FILE
                ? Optional.<PinnedModel>empty()
                : facts.stream().filter(Facts::isDefault).map(Facts::model).findFirst();
    }

    /**
     * The one-click offer, "Get ResNet50 (25.8 MB, more accurate)", shown while no ResNet50 form is downloaded.
     *
     * @return its text, null when there is nothing to offer
     */
    public ReadOnlyStringProperty offerProperty() {
        return offer.getReadOnlyProperty();
    }

    /**
     * Downloads the offered ResNet50 (the form {@code resnet50} stands for here) as a job; when it is in, it is the
     * training backbone.
     *
     * @return completes on the UI thread when the job has ended
     */
    public CompletableFuture<Void> getOffered() {
        return offered().map(m -> download(m.id())).orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private String speed(String id) {
        OptionalDouble ips = settings.imagesPerSecond(id);
        return ips.isPresent()
                ? Messages.get("backbone.speed", Formats.decimal(ips.getAsDouble(), 0))
                : Messages.get("backbone.speedUnknown");
    }

    /**
     * Trains with this backbone from now on.
     *
     * @param id a row's id
     */
    public void choose(String id) {
        backbone.set(id);
    }

    /**
     * The user chose one of the pane's three sources: the backbone becomes the selected row (or {@code resnet50},
     * the form this machine's default row stands for, when none is selected), the built-in one, or the file typed in.
     *
     * @param source the choice
     * @param selectedRow the id of the row selected in the list, or null
     * @param fileText the text of the file field
     */
    public void choose(Source source, String selectedRow, String fileText) {
        backbone.set(
                switch (source) {
                    case PINNED -> selectedRow == null ? BackboneSpec.RESNET50 : selectedRow;
                    case BUILTIN -> BackboneSpec.BUILTIN;
                    case FILE -> fileText == null ? "" : fileText.trim();
                });
    }

    /**
     * The user selected a row: while a pinned backbone is chosen it becomes the backbone, unless the choice already
     * means that row ({@code resnet50} and the row it stands for here).
     *
     * @param id the row's id
     */
    public void chooseRow(String id) {
        if (id != null && backbone.source() == Source.PINNED && !id.equals(rowFor(backbone.text()))) {
            backbone.set(id);
        }
    }

    /**
     * Which row the training backbone text means: the row itself, or for {@code resnet50} the row it
     * stands for here.
     *
     * @param text the backbone text
     * @return the row's id, or null when the text names a file
     */
    public String rowFor(String text) {
        for (BackboneRow r : rows) {
            if (r.id().equalsIgnoreCase(text) || r.isDefault() && BackboneSpec.RESNET50.equalsIgnoreCase(text)) {
                return r.id();
            }
        }
        return null;
    }

    /**
     * Whether the backbone the user chose is the one a model was trained on (by kind and file; the
     * service checks the checksum too when training starts).
     *
     * @param text the backbone text
     * @param info the model's backbone
     * @return whether training may continue from that model
     */
    public static boolean sameBackbone(String text, BackboneInfo info) {
        if (info == null) {
            return false;
        }
        try {
            BackboneSpec spec = BackboneSpec.parse(text);
            return switch (spec.kind()) {
                case RESNET50 -> info.kind().startsWith("resnet50"); // whichever form it stands for here
                case RESNET50_ONNX, RESNET50_ONNX_INT8, RESNET50_TORCHSCRIPT ->
                    spec.text().equals(ModelSources.canonicalKind(info.kind()));
                case TINY -> "tiny".equals(info.kind());
                case BUILTIN -> "builtin".equals(info.kind());
                default ->
                    spec.file() != null
                            && info.source() != null
                            && spec.file()
                                    .equals(Path.of(info.source())
                                            .toAbsolutePath()
                                            .normalize());
            };
        } catch (CatdogException | InvalidPathException e) {
            return false;
        }
    }

    /**
     * Downloads a backbone as a job (its progress and cancel are in the status bar; the row shows how
     * far it is); when it is in, it becomes the training backbone.
     *
     * @param id the row's id
     * @return completes on the UI thread when the job has ended
     */
    public CompletableFuture<Void> download(String id) {
        if (status.containsKey(id)) {
            return CompletableFuture.completedFuture(null);
        }
        status.put(id, Messages.get("backbone.downloadingEllipsis"));
        show();
        return jobs.job(() -> service.downloads().backbone(id))
                .onProgress(p -> showProgress(id, p))
                .onDone(() -> {
                    status.remove(id);
                    refresh();
                })
                .onSuccess(file -> choose(id))
                .reportFailureAs(Messages.get("common.downloading", id))
                .start()
                .thenApply(file -> null);
    }

    /**
     * Imports a file the user downloaded elsewhere, by its checksum, as a job; the backbone it matched
     * becomes the training backbone, a file that matches none is refused in the error banner.
     *
     * @param file the chosen file
     * @return completes on the UI thread with the backbone it matched, or null
     */
    public CompletableFuture<PinnedModel> importFile(Path file) {
        return jobs.job(() -> service.downloads().importBackbone(file))
                .onDone(this::refresh)
                .onSuccess(m -> choose(m.id()))
                .reportFailureAs(Messages.get("backbone.using", file.getFileName()))
                .start();
    }

    /** Shows a download's progress in its row (the updates come coalesced, about ten a second). */
    private void showProgress(String id, JobProgress p) {
        if (status.containsKey(id)) {
            String step = p.step();
            status.put(
                    id,
                    step.contains(": ")
                            ? Messages.get("backbone.downloadingStep", step.substring(step.indexOf(": ") + 2))
                            : Messages.get("backbone.downloadingEllipsis"));
            show();
        }
    }

    /** @return the rows, in catalogue order */
    public ObservableList<BackboneRow> rows() {
        return rows;
    }
}
