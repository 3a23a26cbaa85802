package studio.catdog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules: the core knows nothing of JavaFX or the UI; the CLI knows nothing of the UI; only
 * the Spark jobs know Spark; only the prediction server knows its HTTP library.
 */
@AnalyzeClasses(packages = "studio.catdog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses()
            .that()
            .resideInAPackage("studio.catdog.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "studio.catdog.ui..", "studio.catdog.cli..");

    /** Spark is provided by a cluster and absent from the desktop package: only studio.catdog.spark may use it. */
    @ArchTest
    static final ArchRule coreHasNoSpark = noClasses()
            .that()
            .resideInAnyPackage("studio.catdog.core..", "studio.catdog.ui..", "studio.catdog.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.spark..", "studio.catdog.spark..");

    @ArchTest
    static final ArchRule cliHasNoUi = noClasses()
            .that()
            .resideInAPackage("studio.catdog.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("studio.catdog.ui..", "javafx..");

    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene..", "javafx.stage..");

    @ArchTest
    static final ArchRule noSystemOutInUi =
            noClasses().that().resideInAPackage("studio.catdog.ui..").should().accessField(System.class, "out");

    /** The HTTP server library stays in studio.catdog.serve: the core, the UI and the CLI use the server's own API. */
    @ArchTest
    static final ArchRule onlyServeUsesTheHttpServer = noClasses()
            .that()
            .resideOutsideOfPackage("studio.catdog.serve..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..");

    /** The server sits above the core and below the front ends: the core never reaches up to it. */
    @ArchTest
    static final ArchRule serveDependsOnCoreOnly = noClasses()
            .that()
            .resideInAPackage("studio.catdog.serve..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("studio.catdog.ui..", "studio.catdog.cli..", "studio.catdog.spark..", "javafx..");

    @ArchTest
    static final ArchRule coreDoesNotKnowTheServer = noClasses()
            .that()
            .resideInAPackage("studio.catdog.core..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("studio.catdog.serve..");

    /** A record used across files lives in a file of its own (see {@link ArchitectureRules}). */
    @ArchTest
    static final ArchRule noNestedRecordUsedFromAnotherFile =
            ArchitectureRules.noNestedRecordUsedFromAnotherFile("studio.catdog");

    /** The UI and the CLI use the core's services and values, not its internals (see {@link ArchitectureRules}). */
    @ArchTest
    static final ArchRule frontEndsReachCoreThroughItsApi =
            ArchitectureRules.frontEndsReachCoreThroughItsApi("studio.catdog");

    /** Core's packages form a layered graph: a value shared by two packages lives in a package below both. */
    @ArchTest
    static final ArchRule corePackagesAreFreeOfCycles =
            slices().matching("studio.catdog.core.(*)..").should().beFreeOfCycles();
}
