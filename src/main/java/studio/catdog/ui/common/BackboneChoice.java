package studio.catdog.ui.common;

import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.BackboneSpec;
import studio.catdog.core.backbone.ModelSources;

/**
 * The backbone the user chose in the Training workspace, shared with the data set audit (so both read the same
 * cached features): the text as typed or picked ({@code resnet50}, a pinned id, {@code builtin}, a model file), where
 * it comes from (the pane's three choices) and the backbone it names. One per window, owned by the
 * {@code TrainingViewModel}; the others get it by constructor. Changed on the UI thread only.
 */
public final class BackboneChoice {

    /** Where a chosen backbone comes from: the Training pane's three choices. */
    public enum Source {
        /** A pinned ResNet50 form (or {@code resnet50}, the one it stands for here), downloaded once. */
        PINNED,
        /** The built-in MobileNetV2. */
        BUILTIN,
        /** A model file on this computer (also any text that names neither of the others). */
        FILE
    }

    private final StringProperty text = new SimpleStringProperty(this, "text");
    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(this, "source");

    /** Starts with {@code resnet50}. */
    public BackboneChoice() {
        this(BackboneSpec.RESNET50);
    }

    /** @param initial the backbone text to start with */
    public BackboneChoice(String initial) {
        text.addListener((o, a, t) -> source.set(sourceOf(t)));
        text.set(initial);
        source.set(sourceOf(initial));
    }

    /** @return the backbone text, which the Training pane's inputs edit */
    public StringProperty textProperty() {
        return text;
    }

    /** @return the backbone text */
    public String text() {
        return text.get();
    }

    /** @param backbone the backbone text to use from now on */
    public void set(String backbone) {
        text.set(backbone);
    }

    /** @return where the chosen backbone comes from, following the text */
    public ReadOnlyObjectProperty<Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** @return where the chosen backbone comes from */
    public Source source() {
        return source.get();
    }

    /**
     * @return the backbone the text names
     * @throws CatdogException when it names none (a missing file, an unknown word), with the reason
     */
    public BackboneSpec spec() {
        return BackboneSpec.parse(text.get());
    }

    /**
     * @param text a backbone text
     * @return which of the pane's choices it means
     */
    public static Source sourceOf(String text) {
        if (isPinned(text)) {
            return Source.PINNED;
        }
        return BackboneSpec.BUILTIN.equalsIgnoreCase(text == null ? "" : text.trim()) ? Source.BUILTIN : Source.FILE;
    }

    /**
     * @param text a backbone text
     * @return whether it names a pinned ResNet50 (or {@code resnet50}) rather than a file
     */
    public static boolean isPinned(String text) {
        String t = text == null ? "" : text.trim();
        return t.equalsIgnoreCase(BackboneSpec.RESNET50)
                || ModelSources.pinned().find(t.toLowerCase(Locale.ROOT)).isPresent();
    }
}
