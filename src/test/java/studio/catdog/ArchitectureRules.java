package studio.catdog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * Architecture rules that take the root package as a parameter, so that {@link ArchitectureTest} applies them to
 * the application and {@code ArchitectureRulesTest} shows them failing on deliberately bad examples.
 */
final class ArchitectureRules {

    /**
     * The core packages whose public classes the front ends (ui, cli) may use: the services, jobs and the values
     * they take and give.
     */
    static final Set<String> CORE_API_PACKAGES = Set.of(
            "core",
            "core.service",
            "core.jobs",
            "core.concurrent",
            "core.dataset",
            "core.audit",
            "core.evaluation",
            "core.model",
            "core.prediction",
            "core.training",
            "core.sample",
            "core.backbone");

    /**
     * Classes of otherwise internal core packages that are values or entry points of the API: the manifest a
     * model folder carries, download progress, which files are images and their safe decoding, the features a
     * {@code ModelService.extractFeatures} job gives, and the evaluations the app keeps per model and test split in
     * its cache folder (so Mistakes and Calibration come back after a restart without writing into the sealed
     * model folder).
     */
    static final Set<String> CORE_API_CLASSES = Set.of(
            "core.storage.ModelManifest",
            "core.storage.ManifestBackbone",
            "core.storage.ManifestHead",
            "core.storage.ManifestMetrics",
            "core.storage.ManifestNovelty",
            "core.storage.ManifestPreprocessing",
            "core.storage.ManifestRun",
            "core.storage.ManifestTraining",
            "core.storage.EvaluationStore",
            "core.storage.StoredEvaluation",
            "core.download.TransferMeter",
            "core.download.TransferReading",
            "core.download.DownloadException",
            "core.image.ImageFiles",
            "core.image.ImageDecoder",
            "core.image.DecodedImage",
            "core.image.Preprocessing",
            "core.features.FeatureSet");

    /** The engine side of core.backbone: how a backbone runs, not which one or on what device. */
    static final Set<String> CORE_INTERNAL_CLASSES = Set.of(
            "core.backbone.Backbone",
            "core.backbone.BackboneFactory",
            "core.backbone.DjlBackbone",
            "core.backbone.FeatureTranslator",
            "core.backbone.OnnxFeatureGraph",
            "core.backbone.FeatureGraphSelection",
            "core.backbone.NativeMemoryTuning",
            "core.backbone.NativeThreadTuning",
            "core.backbone.PytorchStartup");

    /**
     * Named exceptions to {@link #frontEndsReachCoreThroughItsApi}: {@code catdog bench} measures the pipeline's
     * own stages (decode, preprocess, backbone, feature cache) one by one, so it drives those internals on purpose.
     */
    static final Set<String> FRONT_END_EXCEPTIONS = Set.of("cli.BenchCommand");

    private ArchitectureRules() {}

    /**
     * No class uses a record nested in another top-level class: a record used across files lives in a file of
     * its own, under a name that says what it is.
     *
     * @param root the root package checked
     * @return the rule
     */
    static ArchRule noNestedRecordUsedFromAnotherFile(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("use no record nested in another top-level class") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        JavaClass home = topLevel(origin);
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass().getBaseComponentType();
                            if (target.isRecord()
                                    && target.isNestedClass()
                                    && target.getPackageName().startsWith(root)
                                    && !topLevel(target).equals(home)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    /**
     * The UI and the CLI reach the core only through its services and values ({@link #CORE_API_PACKAGES},
     * {@link #CORE_API_CLASSES}, less {@link #CORE_INTERNAL_CLASSES}), with the {@link #FRONT_END_EXCEPTIONS}.
     *
     * @param root the root package checked
     * @return the rule
     */
    static ArchRule frontEndsReachCoreThroughItsApi(String root) {
        String core = root + ".core";
        DescribedPredicate<JavaClass> coreInternal =
                new DescribedPredicate<>("are core internals (not in its service and value API)") {
                    @Override
                    public boolean test(JavaClass c) {
                        JavaClass t = topLevel(c.getBaseComponentType());
                        String pkg = t.getPackageName();
                        if (!pkg.equals(core) && !pkg.startsWith(core + ".")) {
                            return false;
                        }
                        String relativeName = t.getName().substring(root.length() + 1);
                        String relativePackage = pkg.substring(root.length() + 1);
                        if (CORE_INTERNAL_CLASSES.contains(relativeName)) {
                            return true;
                        }
                        return !CORE_API_PACKAGES.contains(relativePackage) && !CORE_API_CLASSES.contains(relativeName);
                    }
                };
        DescribedPredicate<JavaClass> namedException = new DescribedPredicate<>("are named exceptions") {
            @Override
            public boolean test(JavaClass c) {
                return FRONT_END_EXCEPTIONS.contains(topLevel(c).getName().substring(root.length() + 1));
            }
        };
        return noClasses()
                .that()
                .resideInAnyPackage(root + ".ui..", root + ".cli..")
                .and(DescribedPredicate.not(namedException))
                .should()
                .dependOnClassesThat(coreInternal);
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
