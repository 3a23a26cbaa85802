package studio.catdog.ui;

import javafx.scene.Parent;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.storage.EvaluationStore;
import studio.catdog.ui.browser.AuditViewModel;
import studio.catdog.ui.browser.BrowserView;
import studio.catdog.ui.browser.BrowserViewModel;
import studio.catdog.ui.browser.DuplicatesView;
import studio.catdog.ui.browser.LabelErrorsView;
import studio.catdog.ui.calibration.CalibrationView;
import studio.catdog.ui.calibration.CalibrationViewModel;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.DialogService;
import studio.catdog.ui.common.EvaluationMemory;
import studio.catdog.ui.common.LoadedView;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;
import studio.catdog.ui.common.ThumbnailCache;
import studio.catdog.ui.common.ViewLoader;
import studio.catdog.ui.mistakes.MistakesView;
import studio.catdog.ui.mistakes.MistakesViewModel;
import studio.catdog.ui.prediction.PredictionView;
import studio.catdog.ui.prediction.PredictionViewModel;
import studio.catdog.ui.runs.RunsView;
import studio.catdog.ui.runs.RunsViewModel;
import studio.catdog.ui.serve.ServeView;
import studio.catdog.ui.serve.ServeViewModel;
import studio.catdog.ui.shell.JobsView;
import studio.catdog.ui.shell.JobsViewModel;
import studio.catdog.ui.shell.MainView;
import studio.catdog.ui.shell.MainViewModel;
import studio.catdog.ui.training.BackboneChoiceViewModel;
import studio.catdog.ui.training.TrainingView;
import studio.catdog.ui.training.TrainingViewModel;

/**
 * Builds one window's object graph by hand: session, ViewModels, views. The app and the UI tests
 * both use it, with their own service, executor, settings and dialogs.
 */
public final class UiAssembly implements AutoCloseable {

    /** Thumbnail edge in pixels. */
    public static final int THUMBNAIL_SIZE = 120;
    /** Thumbnails kept in memory (about 60 KB each). */
    public static final int THUMBNAIL_CACHE = 1500;

    private final Session session = new Session();
    private final ThumbnailCache thumbnails;
    private final BrowserViewModel browserVm;
    private final AuditViewModel auditVm;
    private final TrainingViewModel trainingVm;
    private final BackboneChoiceViewModel backboneChoiceVm;
    private final PredictionViewModel predictionVm;
    private final MistakesViewModel mistakesVm;
    private final MainViewModel mainVm;
    private final RunsViewModel runsVm;
    private final CalibrationViewModel calibrationVm;
    private final JobsViewModel jobsVm;
    private final EvaluationMemory evaluations;
    private final ServeViewModel serveVm;
    private final ViewLoader loader = new ViewLoader();
    private LoadedView<MainView> main;

    /**
     * @param service the model service (owned by the caller)
     * @param executor the thread seam
     * @param settings what to remember
     * @param dialogs the choosers
     */
    public UiAssembly(ModelService service, TaskExecutor executor, AppSettings settings, DialogService dialogs) {
        thumbnails = new ThumbnailCache(THUMBNAIL_SIZE, THUMBNAIL_CACHE, 2, executor);
        browserVm = new BrowserViewModel(service, session, settings, executor);
        trainingVm = new TrainingViewModel(service, session, settings, executor);
        backboneChoiceVm =
                new BackboneChoiceViewModel(service, session, settings, executor, trainingVm.backboneChoice());
        predictionVm = new PredictionViewModel(service, session, executor);
        // The audit uses the backbone chosen for training, so both read the same cached features.
        auditVm = new AuditViewModel(service, session, executor, browserVm, trainingVm.backboneChoice());
        mistakesVm = new MistakesViewModel(service, session, executor);
        // Mistakes and Calibration come back after a restart from the evaluation kept for the model and data set.
        evaluations = new EvaluationMemory(
                service, session, new EvaluationStore(service.paths().evaluationCacheDir()), executor);
        mistakesVm.showOrigin(evaluations.originProperty());
        runsVm = new RunsViewModel(service, session);
        calibrationVm = new CalibrationViewModel(session);
        jobsVm = new JobsViewModel(service.jobs(), executor);
        mainVm = new MainViewModel(service, session, settings, executor, browserVm, jobsVm);
        serveVm = new ServeViewModel(service, session, executor);
        loader.register(
                        MainView.class,
                        () -> new MainView(
                                mainVm,
                                dialogs,
                                () -> loader.load(JobsView.class).root(),
                                () -> loader.load(ServeView.class).root()))
                .register(JobsView.class, () -> new JobsView(jobsVm))
                .register(ServeView.class, () -> new ServeView(serveVm))
                .register(BrowserView.class, () -> new BrowserView(browserVm, auditVm, thumbnails, dialogs))
                .register(LabelErrorsView.class, () -> new LabelErrorsView(auditVm, thumbnails))
                .register(DuplicatesView.class, () -> new DuplicatesView(auditVm, thumbnails))
                .register(TrainingView.class, () -> new TrainingView(trainingVm, backboneChoiceVm, dialogs, session))
                .register(PredictionView.class, () -> new PredictionView(predictionVm, dialogs, executor))
                .register(RunsView.class, () -> new RunsView(runsVm))
                .register(CalibrationView.class, () -> new CalibrationView(calibrationVm))
                .register(MistakesView.class, () -> new MistakesView(mistakesVm, thumbnails, session, executor));
    }

    /**
     * Loads the main view (UI thread).
     *
     * @return its root
     */
    public Parent createMainView() {
        main = loader.load(MainView.class);
        return main.root();
    }

    /** @return the main view controller, after {@link #createMainView()} */
    public MainView mainView() {
        return main.controller();
    }

    /** @return the main ViewModel */
    public MainViewModel mainViewModel() {
        return mainVm;
    }

    /** @return the training ViewModel */
    public TrainingViewModel trainingViewModel() {
        return trainingVm;
    }

    /** @return the training pane's list of pinned backbones */
    public BackboneChoiceViewModel backboneChoiceViewModel() {
        return backboneChoiceVm;
    }

    /** @return the browser ViewModel */
    public BrowserViewModel browserViewModel() {
        return browserVm;
    }

    /** @return the data set audit's ViewModel */
    public AuditViewModel auditViewModel() {
        return auditVm;
    }

    /** @return the prediction ViewModel */
    public PredictionViewModel predictionViewModel() {
        return predictionVm;
    }

    /** @return the mistakes ViewModel */
    public MistakesViewModel mistakesViewModel() {
        return mistakesVm;
    }

    /** @return the calibration ViewModel */
    public CalibrationViewModel calibrationViewModel() {
        return calibrationVm;
    }

    /** @return the status bar's jobs ViewModel */
    public JobsViewModel jobsViewModel() {
        return jobsVm;
    }

    /** @return the serve window's ViewModel */
    public ServeViewModel serveViewModel() {
        return serveVm;
    }

    /** @return the shared session */
    public Session session() {
        return session;
    }

    @Override
    public void close() {
        serveVm.dispose();
        mainVm.dispose();
        thumbnails.close();
    }
}
