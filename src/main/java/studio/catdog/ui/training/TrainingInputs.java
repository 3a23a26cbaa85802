package studio.catdog.ui.training;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.training.TrainingSettings;
import studio.catdog.ui.common.AppSettings;
import studio.catdog.ui.common.BackboneChoice;
import studio.catdog.ui.common.Messages;

/**
 * The training pane's inputs: the backbone text, epochs, batch size, learning rate, early stopping
 * and its patience, checked on every change into one validation message, and the warning shown the
 * first time a TorchScript file is chosen. No Nodes; tested without a toolkit.
 */
final class TrainingInputs {

    private final AppSettings settings;

    private final BackboneChoice backbone;
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate");
    private final BooleanProperty earlyStopping = new SimpleBooleanProperty(this, "earlyStopping");
    private final StringProperty patience = new SimpleStringProperty(this, "patience");
    private final ReadOnlyStringWrapper trustWarning = new ReadOnlyStringWrapper(this, "trustWarning", "");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper(this, "validation");

    /**
     * Starts from the default settings and the remembered backbone; without one, from the built-in backbone, which
     * trains offline (the pinned list switches to ResNet50 where one is downloaded: {@link BackboneChoiceViewModel}).
     *
     * @param settings the remembered backbone, and which TorchScript files were used before
     */
    TrainingInputs(AppSettings settings) {
        this.settings = settings;
        this.backbone = new BackboneChoice(settings.backbone().orElse(BackboneSpec.BUILTIN));
        TrainingSettings d = TrainingSettings.defaults();
        epochs.set(Integer.toString(d.epochs()));
        batchSize.set(Integer.toString(d.batchSize()));
        learningRate.set(Float.toString(d.learningRate()));
        earlyStopping.set(d.earlyStopping());
        patience.set(Integer.toString(d.patience()));
        StringProperty backboneText = backbone.textProperty();
        epochs.addListener((o, a, b) -> validate());
        batchSize.addListener((o, a, b) -> validate());
        learningRate.addListener((o, a, b) -> validate());
        earlyStopping.addListener((o, a, b) -> validate());
        patience.addListener((o, a, b) -> validate());
        backboneText.addListener((o, a, b) -> validate());
        backboneText.addListener((o, a, b) -> updateTrustWarning());
        updateTrustWarning();
        validate();
    }

    /**
     * Checks the inputs.
     *
     * @return the settings, or null when an input is invalid ({@link #validationProperty()} says why)
     */
    TrainingSettings validate() {
        try {
            int e = parseInt(epochs.get(), Messages.get("training.field.epochs"));
            int b = parseInt(batchSize.get(), Messages.get("training.field.batchSize"));
            float lr;
            try {
                lr = Float.parseFloat(learningRate.get().trim());
            } catch (NumberFormatException | NullPointerException ex) {
                throw new CatdogException(Messages.get("training.invalidLearningRate"));
            }
            TrainingSettings s = TrainingSettings.defaults()
                    .withEpochs(e)
                    .withBatchSize(b)
                    .withLearningRate(lr)
                    .withEarlyStopping(earlyStopping.get());
            if (earlyStopping.get()) {
                // An unused patience is not checked: switching early stopping off never blocks Train.
                s = s.withPatience(parseInt(patience.get(), Messages.get("training.field.patience")));
            }
            if (backbone.text() == null || backbone.text().isBlank()) {
                throw new CatdogException(Messages.get("training.chooseBackbone"));
            }
            validation.set(null);
            return s;
        } catch (CatdogException ex) {
            validation.set(ex.getMessage());
            return null;
        }
    }

    private static int parseInt(String text, String name) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new CatdogException(Messages.get("training.notWholeNumber", name));
        }
    }

    /**
     * Reads the backbone text as a backbone; a text that names none (a missing file) becomes the
     * validation message.
     *
     * @return the backbone, or null when the text names none
     */
    BackboneSpec parseBackbone() {
        try {
            return backbone.spec();
        } catch (CatdogException e) {
            validation.set(e.getMessage());
            return null;
        }
    }

    private void updateTrustWarning() {
        String text = backbone.text() == null ? "" : backbone.text().trim();
        trustWarning.set(
                BackboneSpec.isTorchScriptFileName(text) && !settings.torchScriptUsed(Path.of(text))
                        ? Messages.get("training.torchScriptWarning")
                        : "");
    }

    /** @return the backbone text: {@code resnet50}, {@code builtin} or a model file path */
    StringProperty backboneProperty() {
        return backbone.textProperty();
    }

    /** @return the chosen backbone, which the audit shares */
    BackboneChoice backboneChoice() {
        return backbone;
    }

    /** @return the epochs input */
    StringProperty epochsProperty() {
        return epochs;
    }

    /** @return the batch size input */
    StringProperty batchSizeProperty() {
        return batchSize;
    }

    /** @return the learning rate input */
    StringProperty learningRateProperty() {
        return learningRate;
    }

    /** @return whether training stops when the validation loss stops improving */
    BooleanProperty earlyStoppingProperty() {
        return earlyStopping;
    }

    /** @return the patience input: epochs without improvement before stopping */
    StringProperty patienceProperty() {
        return patience;
    }

    /** @return the TorchScript warning, empty when there is none */
    ReadOnlyStringProperty trustWarningProperty() {
        return trustWarning.getReadOnlyProperty();
    }

    /** @return what is wrong with the inputs, null when they are fine */
    ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }
}
