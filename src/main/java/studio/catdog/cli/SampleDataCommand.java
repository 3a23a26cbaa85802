package studio.catdog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import studio.catdog.core.JsonLines;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobProgress;
import studio.catdog.core.sample.SampleData;
import studio.catdog.core.sample.SampleDataResult;
import studio.catdog.core.sample.SampleDataSource;
import studio.catdog.core.sample.SampleDataSummary;
import studio.catdog.core.sample.SkippedImage;
import studio.catdog.core.service.ModelService;

/**
 * {@code catdog sample-data --out DIR [--limit N]}: downloads Microsoft's Cats-vs-Dogs archive and lays
 * it out as a data set, with progress on stderr and the summary as one JSON line on stdout.
 */
@Command(
        name = "sample-data",
        mixinStandardHelpOptions = true,
        description = {
            "Download Microsoft's Cats-vs-Dogs archive (about 825 MB, once) and lay its photos out as a data set:"
                    + " DIR/training_set/{cats,dogs} and DIR/test_set/{cats,dogs}, split 2:1 by a fixed seed."
                    + " Files the app cannot decode are skipped, each with its reason.",
            "Running it again finishes an interrupted run (the download continues where it stopped) or, when"
                    + " it finished, does nothing. DIR must be new, empty, or an earlier run's output.",
            "CATDOG_SAMPLE_DATA_URL replaces the address (a mirror of kagglecatsanddogs_5340.zip)."
        })
final class SampleDataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The data set folder to make.")
    Path out;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Images per class at most (default: all, about 12,500); each class's N split 2:1 into"
                    + " training and test. --limit 3000 gives the seed data set's sizes (4,000 + 2,000).")
    Integer limit;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 or more (leave it out for all)");
        }
        ConsoleProgress progress = ConsoleProgress.stderr();
        try (ModelService service = ModelService.createDefault()) {
            progress.message("Sample data set into " + out.toAbsolutePath() + " from "
                    + SampleDataSource.fromEnvironment().url());
            Job<SampleDataResult> job = service.downloads().sampleData(out, limit == null ? 0 : limit);
            TransferMeter meter = new TransferMeter();
            job.onChange(j -> show(progress, meter, j.progress()));
            SampleDataResult result = job.await();
            SampleDataSummary s = result.summary();
            for (SkippedImage skipped : s.skipped()) {
                progress.message("skipped " + skipped.entry() + ": " + skipped.reason());
            }
            progress.message(
                    result.alreadyComplete()
                            ? "Already complete, nothing to do: " + result.dir()
                            : String.format(
                                    Locale.ROOT,
                                    "Done: %,d images in %s (%,d skipped). Open it as a data set, or: catdog train "
                                            + "--data %s",
                                    s.images(),
                                    result.dir(),
                                    s.skipped().size(),
                                    result.dir()));
            System.out.println(JsonLines.write(json(result)));
            return 0;
        }
    }

    private static void show(ConsoleProgress progress, TransferMeter meter, JobProgress p) {
        if (p.total() <= 0) {
            return;
        }
        if (p.step().startsWith(SampleData.DOWNLOAD_STEP)) {
            progress.transfer("Downloading", meter.update((long) p.done(), (long) p.total()));
        } else if (p.step().startsWith(SampleData.CHECK_STEP)) {
            progress.update("Checking the archive", (long) (p.done() / 1e6), (long) (p.total() / 1e6), p.etaSeconds());
        } else {
            progress.update(
                    p.step().replace(SampleData.UNPACK_STEP, "Unpacking"),
                    (long) p.done(),
                    (long) p.total(),
                    p.etaSeconds());
        }
    }

    static Map<String, Object> json(SampleDataResult result) {
        SampleDataSummary s = result.summary();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dir", result.dir().toString());
        out.put("alreadyComplete", result.alreadyComplete());
        out.put("images", s.images());
        out.put("trainingSet", s.training());
        out.put("testSet", s.test());
        out.put("skipped", s.skipped().size());
        List<Map<String, String>> skipped = new ArrayList<>();
        for (SkippedImage i : s.skipped()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("entry", i.entry());
            row.put("reason", i.reason());
            skipped.add(row);
        }
        out.put("skippedFiles", skipped);
        out.put("notices", s.notices());
        out.put("ignoredEntries", s.ignoredEntries());
        out.put("limitPerClass", s.limitPerClass() == 0 ? null : s.limitPerClass());
        out.put("seed", s.seed());
        out.put("archiveBytes", s.archiveBytes());
        out.put("archiveSha256", s.archiveSha256());
        return out;
    }
}
