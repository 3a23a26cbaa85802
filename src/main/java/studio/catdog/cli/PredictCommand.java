package studio.catdog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.prediction.Prediction;
import studio.catdog.core.prediction.PredictionCsv;
import studio.catdog.core.service.FileResults;
import studio.catdog.core.service.ModelService;

/** {@code catdog predict}: one JSON line per image, or a whole folder streamed into a CSV file. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predict the class of each FILE with a saved model. Prints one JSON line per file; "
                    + "exit code 0 when every file was predicted, 1 when any failed, 2 for wrong usage.",
            "With --recursive DIR every image under DIR is predicted in batches; with --csv the results "
                    + "stream into a CSV file, and a rerun after an interruption continues where it stopped."
        })
final class PredictCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(names = "--recursive", paramLabel = "DIR", description = "Predict every image under DIR (may repeat).")
    List<Path> folders = new ArrayList<>();

    @Option(
            names = "--csv",
            paramLabel = "OUT.csv",
            description = "Write (or continue) a CSV file instead of JSON lines.")
    Path csv;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Image files.")
    List<Path> files = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() && folders.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "Give image FILEs or --recursive DIR.");
        }
        if (csv != null && folders.isEmpty() && files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--csv needs files to predict.");
        }
        try (ModelService service = ModelService.createDefault(modelOptions.deviceOptions.trust())) {
            modelOptions.load(service);
            if (folders.isEmpty() && csv == null) {
                return predictEach(service);
            }
            return predictBatch(service);
        }
    }

    /** The original contract: one JSON line per named file, in order. */
    private int predictEach(ModelService service) {
        int failed = 0;
        for (Path file : files) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", file.toString());
            try {
                Prediction p = service.predict(file).await();
                line.put("label", p.label());
                line.put("probabilities", p.asMap());
                putNovelty(line, p);
            } catch (RuntimeException e) {
                line.put("error", describe(e, file));
                failed++;
            }
            System.out.println(Json.line(line));
        }
        return failed == 0 ? 0 : CatdogCli.EXIT_FAILED;
    }

    private int predictBatch(ModelService service) throws IOException {
        List<Path> all = new ArrayList<>(files);
        for (Path folder : folders) {
            all.addAll(ImageFiles.list(folder, true));
        }
        CsvSink sink = csv == null
                ? null
                : CsvSink.open(csv, service.currentModel().orElseThrow().classes());
        List<Path> todo = sink == null
                ? all
                : all.stream().filter(p -> !sink.done().contains(p.toString())).toList();
        int resumed = all.size() - todo.size();
        ConsoleProgress progress = ConsoleProgress.stderr();
        if (resumed > 0) {
            progress.message("Continuing " + csv + ": " + resumed + " files already done, " + todo.size() + " to go");
        }
        Map<String, Integer> counts = new TreeMap<>();
        int[] failed = {0};
        try {
            service.predictFiles("Classifying " + todo.size() + " files", todo, new FileResults() {
                        @Override
                        public void predicted(Path file, Prediction p) {
                            counts.merge(p.label(), 1, Integer::sum);
                            if (sink != null) {
                                sink.write(file, p, null);
                            } else {
                                Map<String, Object> line = new LinkedHashMap<>();
                                line.put("file", file.toString());
                                line.put("label", p.label());
                                line.put("probabilities", p.asMap());
                                putNovelty(line, p);
                                System.out.println(Json.line(line));
                            }
                        }

                        @Override
                        public void failed(Path file, String reason) {
                            failed[0]++;
                            if (sink != null) {
                                sink.write(file, null, reason);
                            } else {
                                Map<String, Object> line = new LinkedHashMap<>();
                                line.put("file", file.toString());
                                line.put("error", reason);
                                System.out.println(Json.line(line));
                            }
                        }
                    })
                    .onChange(progress.follow("Predicting"))
                    .await();
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary", true);
        summary.put("files", all.size());
        summary.put("alreadyDone", resumed);
        summary.put("predicted", todo.size() - failed[0]);
        summary.put("failed", failed[0]);
        summary.put("counts", counts);
        if (csv != null) {
            summary.put("csv", csv.toString());
        }
        progress.message(
                "Predicted " + (todo.size() - failed[0]) + " files, " + failed[0] + " failed; per class: " + counts);
        System.out.println(Json.line(summary));
        return failed[0] == 0 ? 0 : CatdogCli.EXIT_FAILED;
    }

    /**
     * Adds whether the image looks like none of the classes ("neither"), when the model knows, and whether the
     * file is damaged (predicted from what could be read).
     */
    static void putNovelty(Map<String, Object> line, Prediction p) {
        if (!Double.isNaN(p.noveltyScore())) {
            line.put("unfamiliar", p.unfamiliar());
            line.put("noveltyScore", Math.round(p.noveltyScore() * 10000) / 10000.0);
        }
        line.put("damaged", p.damaged());
        if (p.damaged()) {
            line.put("damage", p.damage());
        }
    }

    private static String describe(RuntimeException e, Path file) {
        if (Failures.isUnexpected(e)) {
            org.slf4j.LoggerFactory.getLogger(PredictCommand.class)
                    .error("prediction failed for {}", file, Failures.unwrap(e));
        }
        return Failures.describe(e);
    }

    /**
     * Appends rows in the {@link PredictionCsv} format to a file, flushed per row, so an interrupted
     * run loses at most the row being written; that torn last row is dropped when the run continues.
     */
    static final class CsvSink implements AutoCloseable {
        private final Writer out;
        private final PredictionCsv format;
        private final Set<String> done;

        private CsvSink(Writer out, PredictionCsv format, Set<String> done) {
            this.out = out;
            this.format = format;
            this.done = done;
        }

        static CsvSink open(Path csv, List<String> classes) throws IOException {
            PredictionCsv format = new PredictionCsv(classes);
            Set<String> done = new HashSet<>();
            if (Files.exists(csv) && Files.size(csv) > 0) {
                String content = Files.readString(csv);
                PredictionCsv.Contents existing = PredictionCsv.read(content);
                if (existing.records().isEmpty() || !existing.records().get(0).equals(format.columns())) {
                    throw new CatdogException(csv + " exists but has other columns than this model's predictions ("
                            + String.join(",", format.columns()) + "); choose another file name.");
                }
                if (existing.length() != content.length()) {
                    Files.writeString(csv, content.substring(0, existing.length())); // drop a torn last row
                }
                existing.records().stream().skip(1).forEach(row -> done.add(row.get(0)));
            } else {
                Files.createDirectories(csv.toAbsolutePath().getParent());
                Files.writeString(csv, format.header());
            }
            Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new CsvSink(out, format, done);
        }

        /** @return the files the file already has rows for, as written */
        Set<String> done() {
            return done;
        }

        void write(Path file, Prediction p, String error) {
            try {
                out.write(format.row(file, p, error, p == null ? Double.NaN : p.noveltyThreshold()));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
