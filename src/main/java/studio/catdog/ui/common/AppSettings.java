package studio.catdog.ui.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;

/**
 * What the app remembers between runs (last data set, backbone and model, each backbone's measured
 * speed, the TorchScript files the user agreed to open, by SHA-256), in a small properties
 * file. The location is injected, so tests use a temporary folder. Failures to read or write are
 * logged and otherwise ignored: remembering is a convenience, never a reason to fail.
 */
public final class AppSettings {

    private static final Logger log = LoggerFactory.getLogger(AppSettings.class);
    private static final String DATASET = "lastDataset";
    private static final String BACKBONE = "backbone";
    private static final String MODEL = "lastModel";
    private static final String USED_TORCHSCRIPT = "usedTorchScript.";
    private static final String SPEED = "imagesPerSecond.";
    private static final String TRUSTED_TORCHSCRIPT = "trustedTorchScript.";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path file;
    private final Properties props = new Properties();

    private AppSettings(Path file) {
        this.file = file;
    }

    /**
     * Reads the settings file (a missing or broken file gives empty settings).
     *
     * @param file the properties file
     * @return the settings
     */
    public static AppSettings load(Path file) {
        AppSettings s = new AppSettings(file);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                s.props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("cannot read settings {}; starting fresh", file, e);
            }
        }
        return s;
    }

    /** @return the last data set folder, if it still exists */
    public synchronized Optional<Path> lastDataset() {
        return existing(DATASET, true);
    }

    /** @param dir the data set folder just opened */
    public synchronized void setLastDataset(Path dir) {
        put(DATASET, dir.toAbsolutePath().toString());
    }

    /** @return the backbone text last trained with ({@code resnet50} or a file) */
    public synchronized Optional<String> backbone() {
        return Optional.ofNullable(props.getProperty(BACKBONE)).filter(s -> !s.isBlank());
    }

    /** @param text the backbone text */
    public synchronized void setBackbone(String text) {
        put(BACKBONE, text);
    }

    /** @return the last model folder, if it still exists */
    public synchronized Optional<Path> lastModel() {
        return existing(MODEL, true);
    }

    /** @param dir the model folder last saved or opened */
    public synchronized void setLastModel(Path dir) {
        put(MODEL, dir.toAbsolutePath().toString());
    }

    /**
     * The feature-extraction speed the last run with a backbone measured on this machine.
     *
     * @param backboneId the backbone's id, e.g. {@code resnet50-onnx}
     * @return images per second, empty before the first measured run
     */
    public synchronized OptionalDouble imagesPerSecond(String backboneId) {
        try {
            String v = props.getProperty(SPEED + backboneId);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Remembers a run's feature-extraction speed.
     *
     * @param backboneId the backbone's id
     * @param imagesPerSecond the measured speed
     */
    public synchronized void setImagesPerSecond(String backboneId, double imagesPerSecond) {
        put(SPEED + backboneId, Double.toString(imagesPerSecond));
    }

    /**
     * Whether a TorchScript backbone file was used before (the app warns the first time).
     *
     * @param file the .pt file
     * @return true once {@link #markTorchScriptUsed} was called for it
     */
    public synchronized boolean torchScriptUsed(Path file) {
        return props.containsKey(USED_TORCHSCRIPT + file.toAbsolutePath().normalize());
    }

    /**
     * Records that a TorchScript backbone file was used.
     *
     * @param file the .pt file
     */
    public synchronized void markTorchScriptUsed(Path file) {
        put(USED_TORCHSCRIPT + file.toAbsolutePath().normalize(), "true");
    }

    /**
     * Whether the user agreed to open a TorchScript file with this content. Remembered by SHA-256, not
     * by path: a file changed or swapped since is asked about again.
     *
     * @param sha256 the file's SHA-256
     * @return true once {@link #trustTorchScript} was called for it
     */
    public synchronized boolean trustsTorchScript(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches() && props.containsKey(TRUSTED_TORCHSCRIPT + sha256);
    }

    /**
     * Remembers that the user agreed to open a TorchScript file.
     *
     * @param sha256 its SHA-256
     * @param file where it was (for people reading the settings)
     */
    public synchronized void trustTorchScript(String sha256, Path file) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        put(TRUSTED_TORCHSCRIPT + sha256, file.toAbsolutePath().normalize().toString());
    }

    private Optional<Path> existing(String key, boolean directory) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(v);
        return (directory ? Files.isDirectory(p) : Files.isRegularFile(p)) ? Optional.of(p) : Optional.empty();
    }

    private void put(String key, String value) {
        props.setProperty(key, value);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            props.store(out, "CatDog Studio settings");
            AtomicFiles.write(file, out.toByteArray());
        } catch (IOException e) {
            log.warn("cannot write settings {}", file, e);
        }
    }
}
