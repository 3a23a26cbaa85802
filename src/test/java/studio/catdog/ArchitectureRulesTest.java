package studio.catdog;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The parameterised architecture rules catch the deliberately bad examples in {@code studio.catdog.archexamples}. */
class ArchitectureRulesTest {

    private static final String NESTED = "studio.catdog.archexamples.nestedrecord";
    private static final String LAYERS = "studio.catdog.archexamples.layers";

    @Test
    void aNestedRecordUsedFromAnotherFileFails() {
        JavaClasses examples = new ClassFileImporter().importPackages(NESTED);

        assertThatThrownBy(() -> ArchitectureRules.noNestedRecordUsedFromAnotherFile(NESTED)
                        .check(examples))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("RecordBorrower")
                .hasMessageContaining("RecordOwner$Part")
                .hasMessageNotContaining("<" + NESTED + ".RecordOwner.part()>");
    }

    @Test
    void aFrontEndUsingACoreInternalFails() {
        JavaClasses examples = new ClassFileImporter().importPackages(LAYERS);

        assertThatThrownBy(() -> ArchitectureRules.frontEndsReachCoreThroughItsApi(LAYERS)
                        .check(examples))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ExampleScreen")
                .hasMessageContaining("ExampleExtractor")
                .hasMessageNotContaining("ExampleCommand");
    }

    @Test
    void aFrontEndUsingOnlyTheServicePasses() {
        JavaClasses commands = new ClassFileImporter().importPackages(LAYERS + ".cli", LAYERS + ".core");

        assertThatNoException()
                .isThrownBy(() -> ArchitectureRules.frontEndsReachCoreThroughItsApi(LAYERS)
                        .check(commands));
    }
}
