package studio.catdog.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.service.ModelService;
import studio.catdog.core.training.TrainingObserver;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TestServices;

/**
 * The measurements on the real cat-and-dog photos with the built-in MobileNetV2 backbone
 * (BENCHMARKS.md, "Data set audit"): planted label flips and planted near-copies. Skipped, with the
 * reason, where ../shared is absent. Prints its figures; asserts the targets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditRealDataTest {

    @TempDir
    Path dir;

    private Path realData() {
        Path p = TestImages.shared().resolve("data/cats-and-dogs");
        assumeTrue(Files.isDirectory(p), "skipped: " + p + " is not present (real data lives in ../shared)");
        return p;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage scaled(BufferedImage src, double factor) {
        int w = Math.max(1, (int) Math.round(src.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(src.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Test
    void plantedNearCopiesInTheTestSetAreFoundAndTheRealDataIsListed() throws Exception {
        Path data = dir.resolve("dups");
        copyTree(realData(), data);
        Random r = new Random(13);
        List<Path> train = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data.resolve("training_set"))) {
            s.filter(Files::isRegularFile).sorted().forEach(train::add);
        }
        Map<String, String> plantedVariant = new HashMap<>(); // "original|copy" -> variant
        Set<Path> originals = new HashSet<>();
        while (originals.size() < 60) {
            originals.add(train.get(r.nextInt(train.size())));
        }
        for (Path original : originals.stream().sorted().toList()) {
            BufferedImage img = ImageDecoder.decode(original);
            String cls = original.getParent().getFileName().toString();
            String name = original.getFileName().toString().replace(".jpg", "");
            Path testDir = data.resolve("test_set").resolve(cls);
            Path resized = testDir.resolve("nd-resized-" + name + ".jpg");
            writeJpeg(scaled(img, 0.5 + 0.3 * r.nextDouble()), resized, 0.85f);
            Path q60 = testDir.resolve("nd-q60-" + name + ".jpg");
            writeJpeg(img, q60, 0.60f);
            int cw = (int) Math.round(img.getWidth() * 0.05);
            int ch = (int) Math.round(img.getHeight() * 0.05);
            int x = r.nextInt(cw + 1);
            int y = r.nextInt(ch + 1);
            Path cropped = testDir.resolve("nd-crop-" + name + ".jpg");
            writeJpeg(img.getSubimage(x, y, img.getWidth() - cw, img.getHeight() - ch), cropped, 0.9f);
            plantedVariant.put(original + "|" + resized, "resized");
            plantedVariant.put(original + "|" + q60, "q60");
            plantedVariant.put(original + "|" + cropped, "crop5%");
        }

        AuditSettings wide = AuditSettings.defaults().withSimilarityThreshold(0.80);
        AuditReport report;
        try (ModelService service = TestServices.service(dir.resolve("home"))) {
            Dataset dataset = service.openDataset(data).join();
            report = service.audit(dataset, BackboneSpec.builtin(), wide, KeptFindings.NONE)
                    .join();
        }
        Map<String, List<double[]>> planted = new HashMap<>();
        List<DuplicatePair> natural = new ArrayList<>();
        for (DuplicatePair p : report.candidates()) {
            String v = plantedVariant.get(p.first().path() + "|" + p.second().path());
            if (v == null) {
                v = plantedVariant.get(p.second().path() + "|" + p.first().path());
            }
            if (v != null) {
                planted.computeIfAbsent(v, k -> new ArrayList<>()).add(new double[] {p.cosine(), p.hashDistance()});
            } else if (!isPlantedSibling(p)) {
                natural.add(p);
            }
        }
        System.out.println(
                "AUDIT-DUP candidates at 0.80: " + report.candidates().size());
        for (var e : planted.entrySet()) {
            double minCos = e.getValue().stream().mapToDouble(a -> a[0]).min().orElse(Double.NaN);
            double maxHash = e.getValue().stream().mapToDouble(a -> a[1]).max().orElse(Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "AUDIT-DUP planted %s: %d of 60 over 0.80, min cosine %.4f, max hash distance %.0f%n",
                    e.getKey(),
                    e.getValue().size(),
                    minCos,
                    maxHash);
        }
        for (double t : new double[] {0.85, 0.88, 0.90, 0.92, 0.94, 0.96}) {
            for (int h : new int[] {8, 10, 12, 16}) {
                long plantedFound = planted.values().stream()
                        .flatMap(List::stream)
                        .filter(a -> a[0] >= t && a[1] >= 0 && a[1] <= h)
                        .count();
                long nat = natural.stream().filter(p -> p.cosine() >= t).count();
                long natConfirmed = natural.stream()
                        .filter(p -> p.cosine() >= t && p.hashDistance() >= 0 && p.hashDistance() <= h)
                        .count();
                System.out.printf(
                        Locale.ROOT,
                        "AUDIT-DUP threshold %.2f hash<=%d: planted found %d/180, natural pairs %d, natural "
                                + "confirmed %d%n",
                        t,
                        h,
                        plantedFound,
                        nat,
                        natConfirmed);
            }
        }
        AuditSettings d = AuditSettings.defaults();
        natural.stream()
                .filter(p -> p.cosine() >= d.similarityThreshold())
                .forEach(p -> System.out.printf(
                        Locale.ROOT,
                        "AUDIT-DUP natural %.4f %2d %s %s %s%n",
                        p.cosine(),
                        p.hashDistance(),
                        p.confirmed() ? "confirmed" : "unconfirmed",
                        p.first().path(),
                        p.second().path()));
        long foundAtDefaults = planted.values().stream()
                .flatMap(List::stream)
                .filter(a -> a[0] >= d.similarityThreshold() && a[1] >= 0 && a[1] <= d.hashMaxDistance())
                .count();
        assertThat(foundAtDefaults)
                .as("planted near-copies found at the default threshold")
                .isGreaterThanOrEqualTo(171); // 95% of 180
    }

    /** Two planted copies of the same original are near-duplicates of each other too: not "natural" pairs. */
    private static boolean isPlantedSibling(DuplicatePair p) {
        return p.first().path().getFileName().toString().startsWith("nd-")
                || p.second().path().getFileName().toString().startsWith("nd-");
    }

    /**
     * The targets at 0.5 % planted flips with a fixed seed (1, the benchmark's first): precision among
     * the top n at least 0.85, recall among the top 2n at least 0.95. Measured 0.95 and 1.00 (BENCHMARKS.md,
     * "Findings you can trust"). The flips are made in memory; nothing is copied.
     */
    @Test
    void halfAPercentPlantedFlipsLeadTheListAndFillTheTopTwoN() {
        Path data = realData();
        try (ModelService service = TestServices.service(dir.resolve("home-flips"))) {
            Dataset dataset = service.openDataset(data).join();
            var features =
                    service.extractFeatures(dataset, BackboneSpec.builtin()).join();
            AuditSettings settings = AuditSettings.defaults();
            FlipBenchmarkRun run =
                    new FlipBenchmark(features, dataset.classes().size(), settings).run(0.5, 1, settings);
            System.out.printf(
                    Locale.ROOT,
                    "AUDIT-PLANTED 0.5%% seed 1: planted %d; new precision %.3f recall(2n) %.3f, not planted in the"
                            + " top n %s; old precision %.3f recall(2n) %.3f%n",
                    run.planted(),
                    run.fresh().precisionTopN(),
                    run.fresh().recallTop2N(),
                    run.fresh().notPlantedInTopN().stream()
                            .map(x -> x.path().getFileName().toString())
                            .toList(),
                    run.old().precisionTopN(),
                    run.old().recallTop2N());
            assertThat(run.planted()).isEqualTo(20);
            assertThat(run.fresh().precisionTopN())
                    .as("precision among the top n")
                    .isGreaterThanOrEqualTo(0.85);
            assertThat(run.fresh().recallTop2N()).as("recall among the top 2n").isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void twoPercentFlippedLabelsAreAmongTheTopSuspectsAndAcceptingThemHelps() throws Exception {
        Path data = dir.resolve("flips");
        copyTree(realData(), data);
        List<Path> train = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data.resolve("training_set"))) {
            s.filter(Files::isRegularFile).sorted().forEach(train::add);
        }
        Random r = new Random(2026);
        Set<Path> chosen = new HashSet<>();
        while (chosen.size() < train.size() / 50) {
            chosen.add(train.get(r.nextInt(train.size())));
        }
        Set<String> flippedNames = new HashSet<>();
        for (Path p : chosen) {
            String other = p.getParent().getFileName().toString().equals("cats") ? "dogs" : "cats";
            Path to = p.getParent().resolveSibling(other).resolve(p.getFileName());
            Files.move(p, to);
            flippedNames.add(to.toString());
        }
        try (ModelService service = TestServices.service(dir.resolve("home"))) {
            Dataset flipped = service.openDataset(data).join();
            double before = service.train(
                            flipped, BackboneSpec.builtin(), TrainingSettings.defaults(), TrainingObserver.NONE)
                    .join()
                    .testAccuracy();
            long t0 = System.nanoTime();
            AuditReport report = service.audit(
                            flipped, BackboneSpec.builtin(), AuditSettings.defaults(), KeptFindings.NONE)
                    .join();
            double auditSeconds = (System.nanoTime() - t0) / 1e9;
            List<LabelSuspect> top =
                    report.suspects().stream().limit(2L * chosen.size()).toList();
            long found = top.stream()
                    .filter(s -> flippedNames.contains(s.file().toString()))
                    .count();
            long foundAll = report.suspects().stream()
                    .filter(s -> flippedNames.contains(s.file().toString()))
                    .count();
            List<LabelSuspect> likely =
                    report.suspects().stream().filter(LabelSuspect::likely).toList();
            long foundLikely = likely.stream()
                    .filter(s -> flippedNames.contains(s.file().toString()))
                    .count();

            // Accepting = moving every suspect of the top 2x list (both tiers) to its suggested class, as a
            // user working down the list would.
            DatasetEdits edits = DatasetEdits.open(data);
            for (LabelSuspect s : top) {
                edits.moveToClass(s.file(), s.suggestedClass());
            }
            Dataset accepted = service.openDataset(data).join();
            double after = service.train(
                            accepted, BackboneSpec.builtin(), TrainingSettings.defaults(), TrainingObserver.NONE)
                    .join()
                    .testAccuracy();
            System.out.printf(
                    Locale.ROOT,
                    "AUDIT-FLIP flipped %d, suspects %d (likely %d, of them flipped %d), flipped in top %d: %d"
                            + " (recall %.3f), in all suspects: %d; thresholds %s; test accuracy before %.4f, after "
                            + "accepting the"
                            + " top %d %.4f; audit %.1f s (features from cache %d, computed %d, labels %.2f s, "
                            + "similarity %.2f s,"
                            + " hashes %.2f s)%n",
                    chosen.size(),
                    report.suspects().size(),
                    likely.size(),
                    foundLikely,
                    top.size(),
                    found,
                    (double) found / chosen.size(),
                    foundAll,
                    Arrays.toString(report.classThresholds()),
                    before,
                    top.size(),
                    after,
                    auditSeconds,
                    report.timings().featuresFromCache(),
                    report.timings().featuresComputed(),
                    report.timings().labelSeconds(),
                    report.timings().similaritySeconds(),
                    report.timings().hashSeconds());
            // The issue's target. Measured 0.95 with this seed and 0.975 with another (BENCHMARKS.md, "Data set
            // audit").
            assertThat(top).as("the top 2x list is full").hasSize(2 * chosen.size());
            assertThat((double) found / chosen.size())
                    .as("recall of flipped labels among the top 2x suspects")
                    .isGreaterThanOrEqualTo(0.90);
            assertThat(after).isGreaterThanOrEqualTo(before);
        }
    }
}
