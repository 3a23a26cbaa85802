package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import studio.catdog.core.JsonLines;
import studio.catdog.core.service.ModelService;
import studio.catdog.serve.BearerToken;
import studio.catdog.serve.PredictionServer;
import studio.catdog.serve.ServeSettings;

/** {@code catdog serve}: a local HTTP prediction server for a saved model, until Ctrl+C or SIGTERM. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a saved model over HTTP/1.1 + JSON until Ctrl+C or SIGTERM: POST /predict (an image's bytes, or "
                    + "several files as multipart/form-data), GET /health, /model, /metrics (Prometheus) and "
                    + "/openapi.json. Concurrent requests share backbone batches; answers are those of catdog predict.",
            "Prints one JSON line with the URL once it listens, and one when it has stopped. On Ctrl+C or SIGTERM it "
                    + "stops accepting, finishes the requests in flight (at most 10 s) and exits 0."
        })
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "TCP port (default 8080; 0 picks a free one).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = ServeSettings.LOOPBACK,
            description = "Address to listen on (default 127.0.0.1: this computer only). "
                    + "Any other address is reachable from the network; use --token-file then.")
    String host;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            defaultValue = "16",
            description = "Most images per backbone call (default 16).")
    int maxBatch;

    @Option(
            names = "--max-queue",
            paramLabel = "N",
            defaultValue = "128",
            description = "Most images admitted at once; more are answered 429 with Retry-After (default 128).")
    int maxQueue;

    @Option(
            names = "--max-body-mb",
            paramLabel = "MB",
            defaultValue = "20",
            description = "Largest request body in MB; larger ones are answered 413 (default 20).")
    int maxBodyMb;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file whose first line is a secret token (at least 16 characters); every request must "
                    + "then send 'Authorization: Bearer <token>' or is answered 401.")
    Path tokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = settings();
        ConsoleProgress progress = ConsoleProgress.stderr();
        if (!settings.loopbackOnly()) {
            progress.message("warning: --host " + host + " makes the server reachable from other computers"
                    + (settings.token() == null
                            ? ", and without --token-file anyone who reaches it can use it."
                            : "; requests need the token."));
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        try (ModelService service = ModelService.createDefault(modelOptions.deviceOptions.trust());
                ShutdownSignals signals = ShutdownSignals.install(stopRequested::countDown)) {
            if (signals.handled() == 0) {
                progress.message("(Ctrl+C will stop at once here, without finishing the requests in flight.)");
            }
            modelOptions.load(service);
            PredictionServer server = PredictionServer.start(service, settings);
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("serving", server.url().toString());
            started.put("port", server.port());
            started.put("model", modelOptions.model.toString());
            started.put("maxBatch", settings.maxBatch());
            System.out.println(JsonLines.write(started));
            System.out.flush();
            progress.message("Serving " + modelOptions.model + " on " + server.url() + " (POST /predict; GET /health, "
                    + "/model, /metrics, /openapi.json). Ctrl+C stops.");
            stopRequested.await();
            progress.message("Stopping: no new connections; finishing the requests in flight (at most "
                    + settings.drainTimeout().toSeconds() + " s).");
            boolean drained = server.stop();
            Map<String, Object> stopped = new LinkedHashMap<>();
            stopped.put("stopped", true);
            stopped.put("requests", server.requestCount());
            stopped.put("finishedInFlight", drained);
            stopped.put("batchSizes", server.batchSizes());
            System.out.println(JsonLines.write(stopped));
            return drained ? 0 : CatdogCli.EXIT_FAILED;
        }
    }

    private ServeSettings settings() {
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new ParameterException(spec.commandLine(), "--max-batch must be 1..1024.");
        }
        if (maxQueue < 1) {
            throw new ParameterException(spec.commandLine(), "--max-queue must be at least 1.");
        }
        if (maxBodyMb < 1) {
            throw new ParameterException(spec.commandLine(), "--max-body-mb must be at least 1.");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535.");
        }
        if (host == null || host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty.");
        }
        BearerToken token = tokenFile == null ? null : BearerToken.fromFile(tokenFile);
        return ServeSettings.defaults()
                .withAddress(host.strip(), port)
                .withBatching(maxBatch, maxQueue)
                .withMaxBodyBytes(maxBodyMb * 1_000_000L)
                .withToken(token);
    }
}
