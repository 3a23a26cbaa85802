package studio.catdog.core.backbone;

import java.util.Locale;
import studio.catdog.core.CatdogException;

/**
 * Where the user wants PyTorch work to run. Read once, when the engine starts (see
 * {@link Engines#setDeviceChoice}).
 */
public enum DeviceChoice {
    /** The GPU when its CUDA libtorch is already on this machine, else the CPU. Never downloads. */
    AUTO,
    /** Always the CPU, with the libtorch bundled in the application. */
    CPU,
    /** The GPU or nothing: fails when there is no GPU or its library is missing and may not be downloaded. */
    GPU;

    /**
     * Parses {@code auto}, {@code cpu} or {@code gpu}, in any case.
     *
     * @param text the user's words
     * @return the choice
     * @throws CatdogException for anything else, naming the three choices
     */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (DeviceChoice c : values()) {
            if (c.name().equals(t)) {
                return c;
            }
        }
        throw new CatdogException("Unknown device '" + text + "': use auto, cpu or gpu.");
    }

    /** @return the lower-case word the command line uses */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
