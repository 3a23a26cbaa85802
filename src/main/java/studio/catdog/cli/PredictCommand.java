package studio.catdog.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Failures;
import studio.catdog.core.JsonLines;
import studio.catdog.core.OutputFolders;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.prediction.CsvContents;
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

    @CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(names = "--recursive", paramLabel = "DIR", description = "Predict every image under DIR (may repeat).")
    List<Path> folders = new ArrayList<>();

    @Option(
            names = "--csv",
            paramLabel = "OUT.csv",
            description = "Write (or continue) a CSV file instead of JSON lines.")
    Path csv;

    @Option(
            names = "--overwrite",
            description = "Start --csv anew instead of continuing it (only a prediction CSV is replaced).")
    boolean overwrite;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Image files.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (files.isEmpty() && folders.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give image FILEs or --recursive DIR.");
        }
        if (csv != null && folders.isEmpty() && files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--csv needs files to predict.");
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
            System.out.println(JsonLines.write(line));
        }
        return failed == 0 ? 0 : CatdogCli.EXIT_FAILED;
    }

    private int predictBatch(ModelService service) throws IOException {
        List<Path> all = new ArrayList<>(files);
        for (Path folder : folders) {
            all.addAll(ImageFiles.list(folder, true));
        }
        if (csv != null) {
            checkCsvIsNotAnInput(csv, all);
        }
        CsvSink sink = csv == null
                ? null
                : CsvSink.open(csv, service.currentModel().orElseThrow().classes(), overwrite);
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
                                System.out.println(JsonLines.write(line));
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
                                System.out.println(JsonLines.write(line));
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
        int newPredicted = todo.size() - failed[0];
        int newFailed = failed[0];
        // With --csv the summary describes the whole file, rows of earlier runs included, so a
        // resumed run reports the same totals as one that ran through.
        Map<String, Integer> totals = new TreeMap<>(counts);
        int predicted = newPredicted;
        int failedRows = newFailed;
        if (sink != null) {
            for (Map.Entry<String, Integer> e : sink.earlierCounts().entrySet()) {
                totals.merge(e.getKey(), e.getValue(), Integer::sum);
            }
            predicted += sink.earlierPredicted();
            failedRows += sink.earlierFailed();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("summary", true);
        summary.put("files", all.size());
        summary.put("alreadyDone", sink == null ? 0 : sink.done().size());
        summary.put("predicted", predicted);
        summary.put("failed", failedRows);
        summary.put("counts", totals);
        if (csv != null) {
            summary.put("rows", predicted + failedRows);
            summary.put("thisRun", Map.of("predicted", newPredicted, "failed", newFailed));
            summary.put("csv", csv.toString());
        }
        progress.message(
                sink != null && resumed > 0
                        ? "Predicted " + newPredicted + " more files, " + newFailed + " failed; " + csv + " now holds "
                                + (predicted + failedRows) + " rows ("
                                + sink.done().size() + " were already there); "
                                + "per class: " + totals
                        : "Predicted " + predicted + " files, " + failedRows + " failed; per class: " + totals);
        System.out.println(JsonLines.write(summary));
        return failedRows == 0 ? 0 : CatdogCli.EXIT_FAILED;
    }

    /**
     * The CSV may not be one of the images it lists, nor a folder: a rerun would otherwise read its
     * own output as an image, or write over a photo.
     */
    private static void checkCsvIsNotAnInput(Path csv, List<Path> inputs) {
        Path real = OutputFolders.real(csv.toAbsolutePath().normalize());
        if (Files.isDirectory(csv)) {
            throw new CatdogException("--csv " + csv + " is a folder; give a file name such as predictions.csv.");
        }
        if (ImageFiles.hasImageExtension(csv)) {
            throw new CatdogException("--csv " + csv + " has an image's name; give a file name such as "
                    + "predictions.csv, so the CSV is never taken for a photo (nothing was changed).");
        }
        for (Path in : inputs) {
            if (OutputFolders.real(in.toAbsolutePath().normalize()).equals(real)) {
                throw new CatdogException("--csv " + csv + " is one of the images to predict (nothing was changed).");
            }
        }
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
            LoggerFactory.getLogger(PredictCommand.class).error("prediction failed for {}", file, Failures.unwrap(e));
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
        private final Map<String, Integer> earlierCounts;
        private final int earlierFailed;

        private CsvSink(
                Writer out, PredictionCsv format, Set<String> done, Map<String, Integer> earlierCounts, int failed) {
            this.out = out;
            this.format = format;
            this.done = done;
            this.earlierCounts = earlierCounts;
            this.earlierFailed = failed;
        }

        /**
         * Opens a CSV to continue it, or creates it.
         *
         * @param csv the file
         * @param classes the model's classes (the columns)
         * @param overwrite start an existing prediction CSV anew instead of continuing it
         * @return the sink
         * @throws IOException when it cannot be read or written
         */
        static CsvSink open(Path csv, List<String> classes, boolean overwrite) throws IOException {
            PredictionCsv format = new PredictionCsv(classes);
            Set<String> done = new HashSet<>();
            Map<String, Integer> counts = new TreeMap<>();
            int failed = 0;
            if (Files.isSymbolicLink(csv)) {
                // Writing through a link would write wherever it points, a dangling one included.
                throw new CatdogException("--csv " + csv + " is a symbolic link (to " + Files.readSymbolicLink(csv)
                        + "); give the file itself (nothing was changed).");
            }
            boolean fresh = true;
            if (Files.exists(csv) && Files.size(csv) > 0) {
                String content = Files.readString(csv);
                CsvContents existing = PredictionCsv.read(content);
                List<String> header = existing.records().isEmpty()
                        ? List.of()
                        : existing.records().get(0);
                boolean sameColumns = header.equals(format.columns());
                boolean predictionCsv = header.size() >= 3
                        && header.get(0).equals("file")
                        && header.get(1).equals("label")
                        && header.get(header.size() - 1).equals("error");
                if (!predictionCsv) {
                    throw new CatdogException(csv + " exists and is not a prediction CSV, so it is never replaced, "
                            + "not even with --overwrite; choose another file name (nothing was changed).");
                }
                if (!overwrite && !sameColumns) {
                    throw new CatdogException(csv + " exists but has other columns than this model's predictions ("
                            + String.join(",", format.columns()) + "); add --overwrite to start it anew, or choose "
                            + "another file name.");
                }
                if (!overwrite) {
                    fresh = false;
                    if (existing.length() != content.length()) {
                        Files.writeString(csv, content.substring(0, existing.length())); // drop a torn last row
                    }
                    int label = header.indexOf("label");
                    int error = header.indexOf("error");
                    for (List<String> row :
                            existing.records().subList(1, existing.records().size())) {
                        done.add(row.get(0));
                        if (row.size() > error && !row.get(error).isEmpty()) {
                            failed++;
                        } else if (row.size() > label) {
                            counts.merge(row.get(label), 1, Integer::sum);
                        }
                    }
                }
            }
            if (fresh) {
                Files.createDirectories(csv.toAbsolutePath().getParent());
                Files.writeString(
                        csv,
                        format.header(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            }
            Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new CsvSink(out, format, done, counts, failed);
        }

        /** @return the files the file already has rows for, as written */
        Set<String> done() {
            return done;
        }

        /** @return the rows per predicted class that the file held before this run */
        Map<String, Integer> earlierCounts() {
            return earlierCounts;
        }

        /** @return the predicted rows the file held before this run */
        int earlierPredicted() {
            return earlierCounts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** @return the error rows the file held before this run */
        int earlierFailed() {
            return earlierFailed;
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
