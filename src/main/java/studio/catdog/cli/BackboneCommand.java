package studio.catdog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import studio.catdog.core.JsonLines;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.BackboneStore;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobProgress;
import studio.catdog.core.service.ModelService;

/**
 * {@code catdog backbone list|download ID|import FILE}: the pinned backbone files, what is downloaded,
 * fetching one (with bytes, speed and time left on stderr), and taking a file downloaded elsewhere by
 * its checksum.
 */
@Command(
        name = "backbone",
        mixinStandardHelpOptions = true,
        description = "List, download or import the pinned ResNet50 files (checked by size and checksum).",
        subcommands = {BackboneCommand.ListFiles.class, BackboneCommand.Download.class, BackboneCommand.Import.class})
final class BackboneCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code catdog backbone list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the pinned backbones: size, whether downloaded, licence, where they come from.")
    static final class ListFiles implements Callable<Integer> {

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            try (ModelService service = ModelService.createDefault()) {
                BackboneStore store = service.downloads().backbones();
                String standsFor = defaultId(service);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (PinnedModel m : store.sources().all()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", m.id());
                    row.put("name", m.displayName());
                    row.put("bytes", m.downloadBytes());
                    row.put("downloaded", store.isInstalled(m));
                    row.put("default", m.id().equals(standsFor));
                    row.put("engine", m.engine());
                    row.put("url", m.url().toString());
                    row.put(
                            m.downloadDigest()
                                    .algorithm()
                                    .toLowerCase(Locale.ROOT)
                                    .replace("-", ""),
                            m.downloadDigest().hex());
                    row.put("licence", m.licence());
                    row.put("file", store.path(m).toString());
                    rows.add(row);
                    if (!json) {
                        System.out.printf(
                                Locale.ROOT,
                                "%-22s %-38s %9s  %-15s%s%n    %s%n    licence: %s%n",
                                m.id(),
                                m.displayName(),
                                m.sizeText(),
                                store.isInstalled(m) ? "downloaded" : "not downloaded",
                                m.id().equals(standsFor) ? "  ('resnet50' on this machine)" : "",
                                m.about(),
                                m.licence());
                    }
                }
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("cache", store.dir().toString());
                    out.put("backbones", rows);
                    System.out.println(JsonLines.write(out));
                } else {
                    System.out.println(
                            "Cache: " + store.dir() + ". Also: builtin (MobileNetV2, built in, works offline).");
                }
                return 0;
            }
        }
    }

    /** {@code catdog backbone download ID}. */
    @Command(
            name = "download",
            mixinStandardHelpOptions = true,
            description = "Download a pinned backbone into the cache, verified by size and checksum; an interrupted "
                    + "download continues where it stopped.")
    static final class Download implements Callable<Integer> {

        @Parameters(
                paramLabel = "ID",
                description = "resnet50 (the form for this machine), resnet50-onnx, "
                        + "resnet50-onnx-int8 or resnet50-torchscript.")
        String id;

        @Override
        public Integer call() {
            ConsoleProgress progress = ConsoleProgress.stderr();
            try (ModelService service = ModelService.createDefault()) {
                BackboneSpec spec = BackboneSpec.parse(id);
                String concrete = spec.kind() == BackboneSpec.Kind.RESNET50 ? defaultId(service) : spec.text();
                PinnedModel m = service.downloads().backbones().sources().require(concrete);
                progress.message("Downloading " + m.describe() + " from " + m.url());
                Job<Path> job = service.downloads().backbone(m.id());
                TransferMeter meter = new TransferMeter();
                job.onChange(j -> {
                    JobProgress p = j.progress();
                    if (p.total() > 0) {
                        progress.transfer("Downloading " + m.id(), meter.update((long) p.done(), (long) p.total()));
                    }
                });
                Path file = job.await();
                progress.message("Verified and installed: " + file);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", m.id());
                out.put("file", file.toString());
                System.out.println(JsonLines.write(out));
                return 0;
            }
        }
    }

    /** {@code catdog backbone import FILE}. */
    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Use a file you downloaded elsewhere: it is copied into the cache when its size and checksum "
                    + "are those of a pinned backbone, and refused otherwise.")
    static final class Import implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The .onnx file, or DJL's traced_resnet50.pt.gz as served.")
        Path file;

        @Override
        public Integer call() {
            try (ModelService service = ModelService.createDefault()) {
                PinnedModel m = service.downloads().importBackbone(file).await();
                System.err.println("Imported " + file + " as " + m.describe() + ": "
                        + service.downloads().backbones().path(m));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", m.id());
                out.put("file", service.downloads().backbones().path(m).toString());
                System.out.println(JsonLines.write(out));
                return 0;
            }
        }
    }

    /** What {@code resnet50} stands for on this machine; starts no engine. */
    static String defaultId(ModelService service) {
        return BackboneSpec.defaultResNet50(service.deviceStatus().usesGpu()).text();
    }
}
