package studio.catdog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.catdog.core.audit.AuditSettings;
import studio.catdog.core.audit.FlipBenchmark;
import studio.catdog.core.audit.FlipBenchmarkRun;
import studio.catdog.core.audit.FlipBenchmarkScore;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.features.FeatureSet;

/**
 * {@code catdog audit --plant-flips 0.5,1,2 --plant-seeds 1,2,3}: the label audit's benchmark on a real data
 * set ({@link FlipBenchmark}; BENCHMARKS.md, "Findings you can trust"), one JSON line per rate and seed, the
 * new ranking beside the old. The images in the top n that were not planted are listed by name: some may be
 * real label errors of the data set.
 */
final class PlantedFlips {

    private PlantedFlips() {}

    static List<Map<String, Object>> run(
            FeatureSet features,
            List<String> classes,
            AuditSettings settings,
            List<Double> ratesPercent,
            List<Long> seeds,
            Path root) {
        FlipBenchmark bench = new FlipBenchmark(features, classes.size(), settings);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (double rate : ratesPercent) {
            for (long seed : seeds) {
                FlipBenchmarkRun run = bench.run(rate, seed, settings);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ratePercent", rate);
                m.put("seed", seed);
                m.put("planted", run.planted());
                m.put("new", json(run.fresh(), root));
                m.put("old", json(run.old(), root));
                m.put("trustedEverywhere", json(run.trustedEverywhere(), root));
                runs.add(m);
            }
        }
        return runs;
    }

    private static Map<String, Object> json(FlipBenchmarkScore s, Path root) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("precisionTopN", s.precisionTopN());
        r.put("recallTop2N", s.recallTop2N());
        r.put("suspects", s.suspects());
        r.put("plantedListed", s.plantedListed());
        r.put("likely", s.likely());
        r.put("likelyPlanted", s.likelyPlanted());
        r.put("notPlantedInTopN", names(s.notPlantedInTopN(), root));
        r.put("likelyNotPlanted", names(s.likelyNotPlanted(), root));
        return r;
    }

    private static List<String> names(List<ImageSample> samples, Path root) {
        return samples.stream()
                .map(x -> x.path().startsWith(root)
                        ? root.relativize(x.path()).toString()
                        : x.path().toString())
                .toList();
    }
}
