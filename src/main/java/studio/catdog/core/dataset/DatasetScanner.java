package studio.catdog.core.dataset;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.image.UnreadableImageException;

/**
 * Opens a folder of images laid out one sub-folder per class, checks every file and reports what it
 * found. A bad file never stops a scan: it is listed in {@link Dataset#skipped()} with its reason.
 *
 * <p>Files are checked by their header only (format and size), which is cheap; a file whose pixels
 * turn out to be broken is reported when it is decoded for feature extraction.
 */
public final class DatasetScanner {

    private static final Logger log = LoggerFactory.getLogger(DatasetScanner.class);
    private static final List<String> TRAIN_NAMES = List.of("training_set", "train", "training");
    private static final List<String> TEST_NAMES = List.of("test_set", "test", "testing");
    /**
     * The folder directly under a data set that holds images moved out of it (the audit's "exclude"):
     * never a class, so a data set of plain class folders can hold it too.
     */
    public static final String EXCLUDED_FOLDER = "excluded";
    /** The hidden folder (under the data set) that holds the app's records about it: the audit's journal. */
    public static final String STATE_FOLDER = ".catdog";
    /** The reason given for a link to a folder: never followed (loops; and it may lead outside the data set). */
    static final String LINKED_FOLDER = "link to a folder (not followed)";

    private final double testFraction;
    private final long seed;
    private final Path indexDir;

    /**
     * Creates a scanner.
     *
     * @param testFraction the share of each class held out for testing when the folder has no
     *     split of its own (between 0 and 1, exclusive)
     * @param seed the seed of that split, so the same folder always splits the same way
     */
    public DatasetScanner(double testFraction, long seed) {
        this(testFraction, seed, null);
    }

    /**
     * Creates a scanner that remembers file hashes between scans, so reopening a folder reads only
     * the files that changed.
     *
     * @param testFraction the share of each class held out for testing when the folder has no split
     * @param seed the seed of that split
     * @param indexDir where scan indexes are kept (a cache folder), or null for none
     */
    public DatasetScanner(double testFraction, long seed, Path indexDir) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1)");
        }
        this.testFraction = testFraction;
        this.seed = seed;
        this.indexDir = indexDir;
    }

    /** Creates a scanner with a 20% test split and seed 42. */
    public DatasetScanner() {
        this(0.2, 42);
    }

    /**
     * Scans a folder.
     *
     * @param root the data set folder
     * @param cancel checked between files
     * @param progress receives (files checked, files found); may be null
     * @return the data set
     * @throws CatdogException when the folder cannot be used at all (missing, not a folder, fewer
     *     than two classes, no images)
     */
    public Dataset scan(Path root, CancellationToken cancel, BiConsumer<Integer, Integer> progress) {
        if (!Files.exists(root)) {
            throw new CatdogException("The folder " + root + " does not exist.");
        }
        if (!Files.isDirectory(root)) {
            throw new CatdogException(
                    root + " is a file, not a folder. Choose the folder that holds one sub-folder per class.");
        }
        if (!Files.isReadable(root)) {
            throw new CatdogException("No permission to read the folder " + root + ".");
        }
        Path trainDir = child(root, TRAIN_NAMES);
        Path testDir = child(root, TEST_NAMES);
        Dataset.Layout layout;
        Map<Split, Path> splitRoots = new LinkedHashMap<>();
        if (trainDir != null && testDir != null) {
            layout = Dataset.Layout.SPLIT_FOLDERS;
            splitRoots.put(Split.TRAIN, trainDir);
            splitRoots.put(Split.TEST, testDir);
        } else {
            // A lone training_set/ (no test_set/) is split like plain class folders.
            layout = Dataset.Layout.CLASS_FOLDERS;
            splitRoots.put(null, trainDir != null ? trainDir : root);
        }

        List<SkippedFile> skipped = Collections.synchronizedList(new ArrayList<>());
        // A split folder that is a link may lead anywhere (training_set -> ~/Pictures): it is not followed,
        // so no edit of the data set can reach the files it leads to.
        Set<Path> linkedSplits = new HashSet<>();
        for (Path dir : splitRoots.values()) {
            if (!dir.equals(root) && Files.isSymbolicLink(dir)) {
                linkedSplits.add(dir);
                skipped.add(new SkippedFile(dir, LINKED_FOLDER));
            }
        }
        TreeSet<String> classNames = new TreeSet<>();
        for (Path dir : splitRoots.values()) {
            if (!linkedSplits.contains(dir)) {
                classNames.addAll(subfolders(dir, dir.equals(root), skipped));
            }
        }
        if (classNames.size() < 2) {
            throw new CatdogException(String.format(
                    Locale.ROOT,
                    "%s has %s. A data set needs one sub-folder per class and at least two classes, "
                            + "e.g. %s/cats and %s/dogs (optionally inside training_set/ and test_set/).",
                    root,
                    classNames.isEmpty() ? "no class sub-folders" : "only one class ('" + classNames.first() + "')",
                    root.getFileName(),
                    root.getFileName()));
        }
        List<String> classes = List.copyOf(classNames);

        // Collect candidate files first, so progress knows the total.
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Split, Path> e : splitRoots.entrySet()) {
            if (linkedSplits.contains(e.getValue())) {
                continue;
            }
            for (int label = 0; label < classes.size(); label++) {
                Path classDir = e.getValue().resolve(classes.get(label));
                if (Files.isDirectory(classDir, LinkOption.NOFOLLOW_LINKS)) {
                    for (Path file : listFiles(classDir, skipped)) {
                        candidates.add(new Candidate(file, label, e.getKey()));
                    }
                }
            }
            // Files lying loose beside the class folders belong to no class.
            try (Stream<Path> loose = Files.list(e.getValue())) {
                loose.filter(Files::isRegularFile)
                        .sorted()
                        .forEach(f -> skipped.add(new SkippedFile(f, "not inside a class folder")));
            } catch (IOException ex) {
                log.debug("cannot list {}", e.getValue(), ex);
            }
        }

        ScanIndex index = ScanIndex.load(indexDir, root);
        List<SkippedFile> damaged = Collections.synchronizedList(new ArrayList<>());
        List<ImageSample> samples = checkAll(candidates, skipped, damaged, cancel, progress, index);
        index.save(samples.stream().map(s -> s.path().toString()).collect(Collectors.toSet()));
        if (layout == Dataset.Layout.CLASS_FOLDERS) {
            samples = stratifiedSplit(samples, classes.size());
        }
        if (samples.isEmpty()) {
            throw new CatdogException(
                    "No usable images were found in " + root + " (" + skipped.size() + " files skipped).");
        }
        List<SkippedFile> skippedSorted = new ArrayList<>(skipped);
        skippedSorted.sort(Comparator.comparing(SkippedFile::path));
        List<SkippedFile> damagedSorted = new ArrayList<>(damaged);
        damagedSorted.sort(Comparator.comparing(SkippedFile::path));
        return new Dataset(
                root,
                layout,
                classes,
                samples,
                skippedSorted,
                duplicates(samples, false),
                duplicates(samples, true),
                damagedSorted);
    }

    private List<ImageSample> checkAll(
            List<Candidate> candidates,
            List<SkippedFile> skipped,
            List<SkippedFile> damaged,
            CancellationToken cancel,
            BiConsumer<Integer, Integer> progress,
            ScanIndex index) {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "catdog-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ImageSample>> futures = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) {
                futures.add(pool.submit(() -> check(c, skipped, damaged, index)));
            }
            List<ImageSample> samples = new ArrayList<>(candidates.size());
            int done = 0;
            for (Future<ImageSample> f : futures) {
                if (cancel != null) {
                    cancel.throwIfCancelled();
                }
                ImageSample s = f.get();
                if (s != null) {
                    samples.add(s);
                }
                done++;
                if (progress != null && (done % 64 == 0 || done == futures.size())) {
                    progress.accept(done, futures.size());
                }
            }
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatdogException("Scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("unexpected failure while checking files", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static ImageSample check(
            Candidate c, List<SkippedFile> skipped, List<SkippedFile> damaged, ScanIndex index) {
        try {
            BasicFileAttributes attrs = readAttributes(c.path);
            String known = attrs == null ? null : index.knownHash(c.path, attrs);
            if (known != null) {
                return new ImageSample(c.path, c.label, c.split, known, attrs.size());
            }
            byte[] bytes = ImageDecoder.readBytes(c.path);
            ImageDecoder.readHeader(bytes);
            String sha = sha256(bytes);
            String damage = ImageDecoder.damage(bytes);
            if (damage != null) {
                // Still used (it decodes), but listed; not remembered, so the next scan reads and lists it again.
                damaged.add(new SkippedFile(c.path, damage));
            } else if (attrs != null && attrs.size() == bytes.length) {
                index.remember(c.path, attrs, sha);
            }
            return new ImageSample(c.path, c.label, c.split, sha, bytes.length);
        } catch (UnreadableImageException e) {
            skipped.add(new SkippedFile(c.path, e.getMessage()));
            return null;
        }
    }

    private static BasicFileAttributes readAttributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            return null; // reading the file will report why
        }
    }

    private List<ImageSample> stratifiedSplit(List<ImageSample> samples, int classCount) {
        List<ImageSample> result = new ArrayList<>(samples.size());
        for (int label = 0; label < classCount; label++) {
            final int l = label;
            List<ImageSample> ofClass = new ArrayList<>(samples.stream()
                    .filter(s -> s.label() == l)
                    .sorted(Comparator.comparing(s -> s.path().toString()))
                    .toList());
            Collections.shuffle(ofClass, new Random(seed + label));
            int test = ofClass.size() < 2 ? 0 : Math.max(1, (int) Math.round(ofClass.size() * testFraction));
            for (int i = 0; i < ofClass.size(); i++) {
                ImageSample s = ofClass.get(i);
                result.add(new ImageSample(
                        s.path(), s.label(), i < test ? Split.TEST : Split.TRAIN, s.sha256(), s.sizeBytes()));
            }
        }
        result.sort(Comparator.comparing((ImageSample s) -> s.split())
                .thenComparing(s -> s.path().toString()));
        return result;
    }

    private static List<List<Path>> duplicates(List<ImageSample> samples, boolean acrossSplitsOnly) {
        Map<String, List<ImageSample>> byHash = new LinkedHashMap<>();
        for (ImageSample s : samples) {
            byHash.computeIfAbsent(s.sha256(), k -> new ArrayList<>()).add(s);
        }
        List<List<Path>> groups = new ArrayList<>();
        for (List<ImageSample> group : byHash.values()) {
            if (group.size() < 2) {
                continue;
            }
            Set<Split> splits = new TreeSet<>();
            group.forEach(s -> splits.add(s.split()));
            if (!acrossSplitsOnly || splits.size() > 1) {
                groups.add(group.stream().map(ImageSample::path).sorted().toList());
            }
        }
        groups.sort(Comparator.comparing(g -> g.get(0)));
        return groups;
    }

    /**
     * Whether a folder name is one the scanner takes as the training or test split.
     *
     * @param name a folder name
     * @return true for {@code training_set}, {@code train}, {@code training}, {@code test_set}, {@code test},
     *     {@code testing}
     */
    public static boolean isSplitFolderName(String name) {
        return TRAIN_NAMES.contains(name) || TEST_NAMES.contains(name);
    }

    private static Path child(Path root, List<String> names) {
        for (String name : names) {
            Path p = root.resolve(name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The class folders in a folder; links to folders are listed as skipped, not followed (a class folder
     * that is a link may lead anywhere).
     */
    private static List<String> subfolders(Path dir, boolean isRoot, List<SkippedFile> skipped) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = new ArrayList<>();
            for (Path p : s.filter(Files::isDirectory)
                    .filter(p -> !ImageFiles.isHidden(p))
                    .sorted()
                    .toList()) {
                String name = p.getFileName().toString();
                if (isRoot && name.equals(EXCLUDED_FOLDER)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    skipped.add(new SkippedFile(p, LINKED_FOLDER));
                } else {
                    names.add(name);
                }
            }
            return names;
        } catch (AccessDeniedException e) {
            throw new CatdogException("No permission to read the folder " + dir + ".", e);
        } catch (IOException e) {
            throw new CatdogException("Cannot read the folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lists regular files under a class folder, depth-first, without following links (no loops). */
    private static List<Path> listFiles(Path classDir, List<SkippedFile> skipped) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(classDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(classDir) && ImageFiles.isHidden(dir)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (ImageFiles.isHidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else if (attrs.isSymbolicLink()) {
                        // Links to files are used; links to folders are not followed, so loops cannot hang a scan.
                        if (Files.isRegularFile(file)) {
                            files.add(file);
                        } else {
                            skipped.add(new SkippedFile(file, Files.isDirectory(file) ? LINKED_FOLDER : "broken link"));
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    skipped.add(new SkippedFile(
                            file,
                            exc instanceof AccessDeniedException
                                    ? "no permission to read"
                                    : exc instanceof NoSuchFileException
                                            ? "disappeared during the scan"
                                            : "cannot read: " + exc.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            skipped.add(new SkippedFile(classDir, "cannot read the folder: " + e.getMessage()));
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /**
     * Hex SHA-256 of bytes.
     *
     * @param bytes the content
     * @return 64 lowercase hex digits
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Candidate(Path path, int label, Split split) {}
}
