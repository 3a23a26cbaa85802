package studio.catdog.core.storage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.dataset.Dataset;
import studio.catdog.core.dataset.ImageSample;
import studio.catdog.core.dataset.Split;
import studio.catdog.core.evaluation.EvaluationReport;

/**
 * The evaluations the desktop app keeps, one file per model and data set, so the Mistakes and Calibration
 * workspaces come back after a restart without evaluating again (issue 20). A cache in the app's cache folder,
 * never in the model folder (whose {@code model.json} is sealed): each file is named by a key made from the model's
 * identity (its classes, backbone, preprocessing and head as {@code model.json} records them, the head's parameter
 * checksum included) and the test images (their paths inside the data set, labels and content checksums), so an
 * evaluation is only ever shown for the model and the test split it was measured on. Written atomically; a damaged
 * or foreign file is ignored; the newest {@value #KEPT} are kept.
 */
public final class EvaluationStore {

    /** The most evaluations kept; older ones are deleted when a new one is written. */
    public static final int KEPT = 50;

    private static final Logger log = LoggerFactory.getLogger(EvaluationStore.class);
    private static final int FORMAT = 1;
    private static final String SUFFIX = ".evaluation.json";

    private static final Gson GSON = new GsonBuilder()
            .serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(Path.class, new PathAdapter())
            .create();

    /** The file's contents. */
    private record Entry(int format, String key, String evaluatedAt, EvaluationReport report) {}

    private final Path dir;

    /** @param dir the folder the evaluations are kept in (made when the first one is written) */
    public EvaluationStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The key of a model's evaluation on a data set's test images.
     *
     * @param model the model's manifest (as saved: the head's checksum is filled in)
     * @param dataset the data set
     * @return a hexadecimal SHA-256, or empty for a model without a head checksum (not saved yet)
     */
    public static Optional<String> key(ModelManifest model, Dataset dataset) {
        if (model == null || model.head() == null || model.head().paramsSha256() == null) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("classes", model.classes());
        identity.put("backbone", model.backbone());
        identity.put("preprocessing", model.preprocessing());
        identity.put("head", model.head());
        update(sha, GSON.toJson(identity));
        update(sha, "\ntest images of " + dataset.classes() + "\n");
        List<String> test = new ArrayList<>();
        for (ImageSample s : dataset.samples(Split.TEST)) {
            test.add(dataset.root().relativize(s.path()) + "\t" + s.label() + "\t" + s.sha256());
        }
        test.sort(Comparator.naturalOrder());
        for (String line : test) {
            update(sha, line + "\n");
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * The evaluation kept under a key.
     *
     * @param key the key ({@link #key})
     * @return it, or empty when none is kept (or its file cannot be read: it is then ignored)
     */
    public Optional<StoredEvaluation> read(String key) {
        Path file = dir.resolve(key + SUFFIX);
        try {
            Entry e = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Entry.class);
            if (e == null || e.format() != FORMAT || !key.equals(e.key()) || e.report() == null) {
                log.info("ignoring the kept evaluation {}: not this format or key", file);
                return Optional.empty();
            }
            return Optional.of(new StoredEvaluation(e.report(), Instant.parse(e.evaluatedAt())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.info("ignoring the kept evaluation {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Keeps an evaluation under a key (replacing one kept before), then deletes the oldest beyond {@value #KEPT}.
     *
     * @param key the key ({@link #key})
     * @param report the evaluation
     * @param evaluatedAt when it was made
     * @throws IOException when it cannot be written
     */
    public void write(String key, EvaluationReport report, Instant evaluatedAt) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(
                dir.resolve(key + SUFFIX), GSON.toJson(new Entry(FORMAT, key, evaluatedAt.toString(), report)));
        prune();
    }

    private void prune() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            all.forEach(files::add);
        }
        if (files.size() <= KEPT) {
            return;
        }
        files.sort(Comparator.comparing(EvaluationStore::modified).reversed());
        for (Path old : files.subList(KEPT, files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Paths as plain strings. */
    private static final class PathAdapter extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Path.of(in.nextString());
        }
    }
}
