package studio.catdog.ui.serve;

import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.catdog.core.Failures;
import studio.catdog.core.service.ModelService;
import studio.catdog.serve.PredictionServer;
import studio.catdog.serve.ServeSettings;
import studio.catdog.ui.common.Messages;
import studio.catdog.ui.common.Session;
import studio.catdog.ui.common.TaskExecutor;

/**
 * <i>Model &gt; Serve this model…</i>: starts and stops a local prediction server (loopback only, no token:
 * the command line has those options) over the app's model service, and shows its URL, the port and the
 * requests answered. No Nodes; tested without a toolkit.
 *
 * <p>The server answers with whatever model is current, so opening or training another model changes its
 * answers (its {@code GET /model} says which). Starting and stopping run off the UI thread: a stop waits for
 * the requests in flight (at most 10 s).
 */
public final class ServeViewModel {

    /** Where the server is. */
    public enum State {
        /** Not serving. */
        STOPPED,
        /** Binding the port. */
        STARTING,
        /** Serving. */
        RUNNING,
        /** Finishing the requests in flight. */
        STOPPING
    }

    private final ModelService service;
    private final TaskExecutor executor;
    private final BiFunction<ModelService, ServeSettings, PredictionServer> starter;
    private final StringProperty port = new SimpleStringProperty(Integer.toString(ServeSettings.DEFAULT_PORT));
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(Messages.get("serve.status.stopped"));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyLongWrapper requests = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final BooleanBinding running = state.isEqualTo(State.RUNNING);
    private PredictionServer server;

    /**
     * @param service the app's model service (its current model is served)
     * @param session tells whether a model is open
     * @param executor the thread seam
     */
    public ServeViewModel(ModelService service, Session session, TaskExecutor executor) {
        this(service, session, executor, PredictionServer::start);
    }

    /**
     * @param service the app's model service
     * @param session tells whether a model is open
     * @param executor the thread seam
     * @param starter starts a server (tests may count or fail starts)
     */
    ServeViewModel(
            ModelService service,
            Session session,
            TaskExecutor executor,
            BiFunction<ModelService, ServeSettings, PredictionServer> starter) {
        this.service = service;
        this.executor = executor;
        this.starter = starter;
        canStart.bind(Bindings.createBooleanBinding(
                () -> state.get() == State.STOPPED && session.modelProperty().get() != null,
                state,
                session.modelProperty()));
    }

    /** @return the port the user asks for (text, checked on start) */
    public StringProperty portProperty() {
        return port;
    }

    /** @return where the server is */
    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** @return the server's address while it runs, else empty */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** @return what the server is doing, in words */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** @return why the last start or stop failed (e.g. the port is in use), or null */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** @return requests answered by the running server (updated by {@link #refresh()}) */
    public ReadOnlyLongProperty requestsProperty() {
        return requests.getReadOnlyProperty();
    }

    /** @return whether Start is possible: a model is open and no server runs */
    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** @return whether a server runs (Stop is possible) */
    public BooleanBinding runningProperty() {
        return running;
    }

    /** Starts serving on the chosen port (loopback only). */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        int chosen;
        try {
            chosen = Integer.parseInt(port.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            chosen = -1;
        }
        if (chosen < 1 || chosen > 65535) {
            error.set(Messages.get("serve.error.badPort"));
            return;
        }
        ServeSettings settings = ServeSettings.defaults().withAddress(ServeSettings.LOOPBACK, chosen);
        error.set(null);
        state.set(State.STARTING);
        status.set(Messages.get("serve.status.starting", chosen));
        executor.runInBackground(() -> {
            try {
                PredictionServer started = starter.apply(service, settings);
                executor.runOnUi(() -> started(started));
            } catch (RuntimeException e) {
                executor.runOnUi(() -> {
                    state.set(State.STOPPED);
                    status.set(Messages.get("serve.status.stopped"));
                    error.set(Failures.describe(e));
                });
            }
        });
    }

    private void started(PredictionServer started) {
        server = started;
        requests.set(0);
        url.set(started.url().toString());
        state.set(State.RUNNING);
        status.set(Messages.get("serve.status.running", started.port()));
    }

    /** Stops serving: no new requests; those in flight finish (at most 10 s). */
    public void stop() {
        PredictionServer running = server;
        if (running == null || state.get() != State.RUNNING) {
            return;
        }
        state.set(State.STOPPING);
        status.set(Messages.get("serve.status.stopping"));
        executor.runInBackground(() -> {
            boolean drained = running.stop();
            long answered = running.requestCount();
            executor.runOnUi(() -> {
                server = null;
                url.set("");
                requests.set(answered);
                state.set(State.STOPPED);
                status.set(Messages.get("serve.status.stoppedAfter", answered));
                error.set(drained ? null : Messages.get("serve.error.unfinished"));
            });
        });
    }

    /** Reads the request count of the running server (the view calls it about once a second). */
    public void refresh() {
        PredictionServer running = server;
        if (running != null) {
            requests.set(running.requestCount());
        }
    }

    /** Stops a running server at once, on this thread (the app is closing). */
    public void dispose() {
        PredictionServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }
}
