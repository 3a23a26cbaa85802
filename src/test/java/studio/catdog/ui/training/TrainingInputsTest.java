package studio.catdog.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.AppSettings;

/** The training inputs on their own: defaults, the one validation message, the TorchScript warning. */
class TrainingInputsTest {

    @TempDir
    Path tmp;

    private AppSettings settings() {
        return AppSettings.load(tmp.resolve("settings.properties"));
    }

    @Test
    void startsFromTheDefaultsAndTheRememberedBackbone() {
        TrainingInputs fresh = new TrainingInputs(settings());
        TrainingSettings d = TrainingSettings.defaults();
        assertThat(fresh.backboneProperty().get())
                .as("without a remembered backbone the built-in one, which trains offline (issue 20)")
                .isEqualTo(BackboneSpec.BUILTIN);
        assertThat(fresh.epochsProperty().get()).isEqualTo(Integer.toString(d.epochs()));
        assertThat(fresh.earlyStoppingProperty().get()).isEqualTo(d.earlyStopping());
        assertThat(fresh.validationProperty().get()).isNull();
        assertThat(fresh.validate()).isEqualTo(d);

        AppSettings remembered = settings();
        remembered.setBackbone(BackboneSpec.RESNET50);
        assertThat(new TrainingInputs(remembered).backboneProperty().get()).isEqualTo(BackboneSpec.RESNET50);
    }

    @Test
    void everyChangeIsCheckedAndTheFirstProblemNamed() {
        TrainingInputs inputs = new TrainingInputs(settings());
        inputs.learningRateProperty().set("fast");
        assertThat(inputs.validationProperty().get()).isEqualTo("Learning rate must be a number such as 0.001.");
        assertThat(inputs.validate()).isNull();
        inputs.epochsProperty().set(" 7 ");
        inputs.learningRateProperty().set("0.01");
        assertThat(inputs.validationProperty().get()).isNull();
        assertThat(inputs.validate().epochs()).isEqualTo(7);
        inputs.backboneProperty().set(" ");
        assertThat(inputs.validationProperty().get()).startsWith("Choose a backbone");
        inputs.backboneProperty().set("tiny");
        inputs.earlyStoppingProperty().set(false);
        inputs.patienceProperty().set("never");
        assertThat(inputs.validationProperty().get())
                .as("an unused patience blocks nothing")
                .isNull();
        inputs.earlyStoppingProperty().set(true);
        assertThat(inputs.validationProperty().get()).isEqualTo("Patience must be a whole number.");
    }

    @Test
    void aBackboneTextThatNamesNoBackboneBecomesTheValidationMessage() {
        TrainingInputs inputs = new TrainingInputs(settings());
        inputs.backboneProperty().set(BackboneSpec.BUILTIN);
        assertThat(inputs.parseBackbone()).isNotNull();
        assertThat(inputs.validationProperty().get()).isNull();
        inputs.backboneProperty().set(tmp.resolve("nope.onnx").toString());
        assertThat(inputs.validationProperty().get())
                .as("the text alone is fine")
                .isNull();
        assertThat(inputs.parseBackbone()).isNull();
        assertThat(inputs.validationProperty().get()).contains("does not exist");
    }

    @Test
    void aTorchScriptFileIsFlaggedUntilItWasUsed() throws Exception {
        AppSettings settings = settings();
        Path pt = Files.writeString(tmp.resolve("someone-elses.pt"), "x");
        TrainingInputs inputs = new TrainingInputs(settings);
        assertThat(inputs.trustWarningProperty().get()).isEmpty();
        inputs.backboneProperty().set(pt.toString());
        assertThat(inputs.trustWarningProperty().get()).startsWith("First use of this TorchScript file");
        inputs.backboneProperty().set(tmp.resolve("model.onnx").toString());
        assertThat(inputs.trustWarningProperty().get()).isEmpty();
        settings.markTorchScriptUsed(pt);
        inputs.backboneProperty().set(pt.toString());
        assertThat(inputs.trustWarningProperty().get()).isEmpty();
    }
}
