package studio.catdog.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.JsonLines;
import studio.catdog.core.ProcessMemory;
import studio.catdog.core.audit.AuditReport;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.AuditTimings;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.DuplicateGroup;
import studio.catdog.core.audit.DuplicatePair;
import studio.catdog.core.audit.KeptFindings;
import studio.catdog.core.audit.LabelSuspect;
import studio.catdog.core.audit.SuspectTier;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.features.FeatureSet;
import studio.catdog.core.service.ModelService;

/** {@code catdog audit}: likely label errors, near-duplicates and train/test leaks of a data set. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description =
                "Find label errors in the training and the test images: the out-of-fold predictions on the cached "
                        + "features and the labels of each image's nearest images; likely ones (both agree strongly), "
                        + "then possible ones; "
                        + "near-duplicate images inside a split and near-duplicates leaked from training into test. "
                        + "Changes nothing; images kept in the app are not listed again.")
final class AuditCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Data set folder: training_set/<class>/ and test_set/<class>/, or <class>/ folders.")
    Path data;

    @Option(
            names = "--backbone",
            paramLabel = "resnet50|builtin|ID|FILE",
            defaultValue = "resnet50",
            description =
                    "The backbone whose features are compared (default: ${DEFAULT-VALUE}; builtin works offline). "
                            + "Features already cached for it are not computed again.")
    String backbone;

    @Option(
            names = "--folds",
            paramLabel = "K",
            description = "Folds of the out-of-fold predictions (default: ${DEFAULT-VALUE}).")
    int folds = AuditSettings.defaults().folds();

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the folds and fold models (default: ${DEFAULT-VALUE}).")
    long seed = AuditSettings.defaults().seed();

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Epochs of each fold model (default: ${DEFAULT-VALUE}).")
    int epochs = AuditSettings.defaults().epochs();

    @Option(
            names = "--weight-decay",
            paramLabel = "X",
            description = "L2 penalty of the fold models (default: ${DEFAULT-VALUE}).")
    double weightDecay = AuditSettings.defaults().weightDecay();

    @Option(
            names = "--similarity",
            paramLabel = "X",
            description = "Cosine similarity of features from which two images are near-duplicate candidates "
                    + "(default: ${DEFAULT-VALUE}).")
    double similarity = AuditSettings.defaults().similarityThreshold();

    @Option(
            names = "--top",
            paramLabel = "N",
            description = "Label suspects shown in the table, likely ones first "
                    + "(default: ${DEFAULT-VALUE}; the JSON has all, each with its tier).")
    int top = 30;

    @Option(names = "--json", description = "Print only the JSON line (no table).")
    boolean json;

    @Option(
            names = "--synthetic",
            paramLabel = "N",
            hidden = true,
            description = "Benchmark: audit N synthetic feature vectors (no data set, no backbone).")
    int synthetic;

    @Option(names = "--synthetic-dim", paramLabel = "D", hidden = true, description = "Benchmark: vector length.")
    int syntheticDim = 1280;

    @Option(
            names = "--plant-flips",
            paramLabel = "PERCENT,...",
            split = ",",
            hidden = true,
            description = "Benchmark: flip this share of the training labels in memory (several: one run each), "
                    + "and count the flips among the top suspects, new ranking beside the old.")
    List<Double> plantFlips = List.of();

    @Option(
            names = "--plant-seeds",
            paramLabel = "N,...",
            split = ",",
            hidden = true,
            description = "Benchmark: seeds of the planted flips (default: 1,2,3).")
    List<Long> plantSeeds = List.of(1L, 2L, 3L);

    @CommandLine.Mixin
    DeviceOptions deviceOptions;

    @Override
    public Integer call() {
        AuditSettings d = AuditSettings.defaults();
        AuditSettings settings =
                new AuditSettings(folds, seed, epochs, weightDecay, similarity, d.hashMaxDistance(), d.blockRows());
        if (synthetic > 0) {
            System.out.println(JsonLines.write(SyntheticAudit.run(synthetic, syntheticDim, settings)));
            return 0;
        }
        if (data == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Missing required option: '--data=DIR'");
        }
        BackboneSpec spec = BackboneSpec.parse(backbone);
        ConsoleProgress progress = ConsoleProgress.stderr();
        deviceOptions.apply(progress);
        KeptFindings decisions = DatasetEdits.open(data).decisions();
        try (ModelService service = ModelService.createDefault(deviceOptions.trust())) {
            Dataset dataset = service.openDataset(data)
                    .onChange(progress.follow("Checking images"))
                    .await();
            if (!plantFlips.isEmpty()) {
                FeatureSet features = service.extractFeatures(dataset, spec)
                        .onChange(progress.follow("Features"))
                        .await();
                for (Map<String, Object> run : PlantedFlips.run(
                        features, dataset.classes(), settings, plantFlips, plantSeeds, dataset.root())) {
                    System.out.println(JsonLines.write(run));
                }
                return 0;
            }
            AuditReport report = service.audit(dataset, spec, settings, decisions)
                    .onChange(progress.follow("Auditing"))
                    .await();
            if (!json) {
                printTable(report, dataset);
            }
            System.out.println(JsonLines.write(toJson(report, dataset, spec)));
            return 0;
        }
    }

    static Map<String, Object> toJson(AuditReport r, Dataset dataset, BackboneSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", dataset.root().toString());
        out.put("backbone", spec.text());
        out.put("classes", r.classes());
        out.put("trainImages", r.trainImages());
        out.put("testImages", r.testImages());
        Map<String, Object> thresholds = new LinkedHashMap<>();
        for (int c = 0; c < r.classes().size(); c++) {
            thresholds.put(r.classes().get(c), r.classThresholds()[c]);
        }
        out.put("classThresholds", thresholds);
        out.put(
                "likelySuspects",
                r.suspects().stream().filter(LabelSuspect::likely).count());
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (SuspectTier t : SuspectTier.values()) {
            tiers.put(t.id(), t.measured());
        }
        out.put("tiers", tiers);
        out.put(
                "labelSuspects",
                r.suspects().stream()
                        .map(s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("file", s.file().toString());
                            m.put("split", s.split().name().toLowerCase(Locale.ROOT));
                            m.put("givenClass", s.givenClass());
                            m.put("suggestedClass", s.suggestedClass());
                            m.put("score", round(s.score()));
                            m.put("tier", s.tier().id());
                            Map<String, Object> p = new LinkedHashMap<>();
                            Map<String, Object> share = new LinkedHashMap<>();
                            for (int c = 0; c < r.classes().size(); c++) {
                                p.put(r.classes().get(c), round(s.probabilities()[c]));
                                if (s.neighbourShares().length > c) {
                                    share.put(r.classes().get(c), round(s.neighbourShares()[c]));
                                }
                            }
                            m.put("probabilities", p);
                            m.put("neighbourShares", share);
                            m.put("neighbourAgreement", round(s.neighbourAgreement()));
                            m.put(
                                    "nearestOfGivenClass",
                                    s.givenClassNeighbours().stream()
                                            .map(x -> x.path().toString())
                                            .toList());
                            m.put(
                                    "nearestOfSuggestedClass",
                                    s.suggestedClassNeighbours().stream()
                                            .map(x -> x.path().toString())
                                            .toList());
                            return m;
                        })
                        .toList());
        out.put(
                "duplicateGroups",
                r.groups().stream()
                        .map(g -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("split", g.split().name().toLowerCase(Locale.ROOT));
                            m.put(
                                    "files",
                                    g.images().stream()
                                            .map(i -> i.path().toString())
                                            .toList());
                            m.put("minCosine", round(g.minCosine()));
                            return m;
                        })
                        .toList());
        out.put(
                "leakedIntoTest",
                r.leaks().stream()
                        .map(p -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            ImageSample train = p.first().split() == Split.TRAIN ? p.first() : p.second();
                            ImageSample test = train == p.first() ? p.second() : p.first();
                            m.put("train", train.path().toString());
                            m.put("test", test.path().toString());
                            m.put("cosine", round(p.cosine()));
                            m.put("hashDistance", p.hashDistance());
                            return m;
                        })
                        .toList());
        out.put("byteIdenticalGroups", dataset.duplicates().size());
        out.put("candidatePairs", r.candidatePairs());
        out.put("keptHidden", r.keptHidden());
        out.put("skippedFiles", r.skipped().size() + dataset.skipped().size());
        AuditTimings t = r.timings();
        out.put("featureSeconds", round(t.featureSeconds()));
        out.put("featuresFromCache", t.featuresFromCache());
        out.put("featuresComputed", t.featuresComputed());
        out.put("labelSeconds", round(t.labelSeconds()));
        out.put("similaritySeconds", round(t.similaritySeconds()));
        out.put("hashSeconds", round(t.hashSeconds()));
        out.put("peakRssMb", ProcessMemory.peakRssMb());
        out.put("peakHeapMb", ProcessMemory.peakHeapMb());
        return out;
    }

    private void printTable(AuditReport r, Dataset dataset) {
        Path root = dataset.root();
        System.out.printf(
                Locale.ROOT,
                "Audit of %s: the labels of %d training and %d test images checked, near-duplicates and leaks"
                        + " searched.%n%n",
                root,
                r.trainImages(),
                r.testImages());
        long likely = r.suspects().stream().filter(LabelSuspect::likely).count();
        System.out.printf(
                Locale.ROOT,
                "Possible label errors: %d, %d likely and %d possible (showing %d, most likely first)%n",
                r.suspects().size(),
                likely,
                r.suspects().size() - likely,
                Math.min(top, r.suspects().size()));
        for (SuspectTier t : SuspectTier.values()) {
            System.out.printf(Locale.ROOT, "  %s: %s%n", t.id(), t.measured());
        }
        if (!r.suspects().isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %-6s %-5s %-12s %-12s %s%n",
                    "tier",
                    "score",
                    "split",
                    "given",
                    "suggested",
                    "file");
        }
        for (LabelSuspect s : r.suspects().stream().limit(top).toList()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %6.3f %-5s %-12s %-12s %s%n",
                    s.tier().id(),
                    s.score(),
                    s.split() == Split.TRAIN ? "train" : "test",
                    s.givenClass(),
                    s.suggestedClass(),
                    relative(root, s.file()));
        }
        System.out.printf(
                Locale.ROOT,
                "%nNear-duplicate groups inside a split: %d%n",
                r.groups().size());
        for (DuplicateGroup g : r.groups()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s (cosine >= %.3f): %s%n",
                    g.split().name().toLowerCase(Locale.ROOT),
                    g.minCosine(),
                    String.join(
                            ", ",
                            g.images().stream()
                                    .map(i -> relative(root, i.path()))
                                    .toList()));
        }
        System.out.printf(
                Locale.ROOT,
                "%nLeaked into test (near-duplicates across training and test): %d%n",
                r.leaks().size());
        for (DuplicatePair p : r.leaks()) {
            System.out.printf(
                    Locale.ROOT,
                    "  cosine %.3f, hash distance %2d: %s  ~  %s%n",
                    p.cosine(),
                    p.hashDistance(),
                    relative(root, p.first().path()),
                    relative(root, p.second().path()));
        }
        if (r.keptHidden() > 0) {
            System.out.printf(Locale.ROOT, "%n%d findings not shown: kept earlier.%n", r.keptHidden());
        }
        System.out.println();
    }

    private static String relative(Path root, Path file) {
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
