package studio.catdog.core.sample;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import studio.catdog.core.CatdogException;
import studio.catdog.core.Eta;
import studio.catdog.core.concurrent.CancelledException;
import studio.catdog.core.image.ImageDecoder;
import studio.catdog.core.image.ImageFiles;
import studio.catdog.core.image.UnreadableImageException;
import studio.catdog.core.jobs.JobContext;
import studio.catdog.core.sample.SampleSplit.Part;

/**
 * Lays a checked archive's photos out as the data set: each class's files in their seeded order
 * ({@link SampleSplit}), read (CRC-checked) and decoded with the app's own decoder a chunk at a time on
 * a few threads, then taken in order until the limit, every third into the test set. A file already
 * there from an earlier run counts as taken; an image is written to a hidden temporary file and
 * renamed into place, never over an existing file.
 */
final class SampleUnpacker {

    /** Candidates decoded together: enough to keep every core busy, bounded in memory. */
    private static final int CHUNK_FILES = 32;

    private static final long CHUNK_BYTES = 64L << 20;

    /** What looking at one candidate found: its bytes when it is a usable image, or the reason it is not. */
    private record Look(byte[] bytes, String reason) {}

    private SampleUnpacker() {}

    /**
     * The declared bytes of the images still to be written: each class's first {@code limit} files in
     * the seeded order (a tenth more, for the broken ones passed over) that are not on disk yet.
     */
    static long stillToUnpack(SampleArchive zip, Path root, int limitPerClass) {
        long bytes = 0;
        int classIndex = 0;
        for (Map.Entry<String, List<ArchiveCandidate>> cls : zip.candidates().entrySet()) {
            List<ArchiveCandidate> order = SampleSplit.order(cls.getValue(), classIndex++);
            int n = limitPerClass == 0 ? order.size() : Math.min(order.size(), limitPerClass + limitPerClass / 10 + 1);
            for (ArchiveCandidate c : order.subList(0, n)) {
                if (existing(root, c) == null) {
                    bytes += c.size();
                }
            }
        }
        return bytes;
    }

    static UnpackCounts unpack(SampleArchive zip, Path root, int limitPerClass, int decodeThreads, JobContext context) {
        Map<String, Integer> training = new LinkedHashMap<>();
        Map<String, Integer> test = new LinkedHashMap<>();
        List<SkippedImage> skipped = new ArrayList<>();
        int planned = 0;
        for (List<ArchiveCandidate> list : zip.candidates().values()) {
            planned += limitPerClass == 0 ? list.size() : Math.min(limitPerClass, list.size());
        }
        long start = System.nanoTime();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, r -> {
            Thread t = new Thread(r, "catdog-sample-decode-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            int takenAll = 0;
            int classIndex = 0;
            for (Map.Entry<String, List<ArchiveCandidate>> cls :
                    zip.candidates().entrySet()) {
                String name = cls.getKey();
                Path trainDir = root.resolve(Part.TRAINING.folder()).resolve(name);
                Path testDir = root.resolve(Part.TEST.folder()).resolve(name);
                SampleFolder.createPlainDirectories(root, trainDir, testDir);
                training.put(name, 0);
                test.put(name, 0);
                List<ArchiveCandidate> order = SampleSplit.order(cls.getValue(), classIndex++);
                int taken = 0;
                int next = 0;
                String step = SampleData.UNPACK_STEP + ": " + name;
                while (next < order.size() && (limitPerClass == 0 || taken < limitPerClass)) {
                    List<ArchiveCandidate> chunk = chunk(order, next);
                    next += chunk.size();
                    List<Future<Look>> looks = new ArrayList<>();
                    for (ArchiveCandidate c : chunk) {
                        looks.add(existing(root, c) == null ? pool.submit(() -> look(zip, c)) : null);
                    }
                    for (int i = 0; i < chunk.size(); i++) {
                        if (limitPerClass != 0 && taken >= limitPerClass) {
                            break;
                        }
                        context.throwIfCancelled();
                        ArchiveCandidate c = chunk.get(i);
                        Part where = looks.get(i) == null
                                ? existingPart(root, c)
                                : place(root, c, taken, await(looks.get(i)), skipped);
                        if (where != null) {
                            taken++;
                            takenAll++;
                            (where == Part.TRAINING ? training : test).merge(name, 1, Integer::sum);
                        }
                        context.progress(step, takenAll, planned, eta(start, takenAll, planned));
                    }
                    looks.forEach(f -> {
                        if (f != null) {
                            f.cancel(true);
                        }
                    });
                }
            }
        } finally {
            pool.shutdownNow();
        }
        skipped.sort(Comparator.comparing(SkippedImage::entry));
        return new UnpackCounts(training, test, skipped);
    }

    /** The time left, once there is enough behind to tell (the first images say little). */
    private static double eta(long startNanos, int done, int total) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds < 2 || done * 50L < total ? Double.NaN : Eta.secondsLeft(seconds, done, total);
    }

    /** The next candidates to decode together: at most {@link #CHUNK_FILES}, and about {@link #CHUNK_BYTES}. */
    private static List<ArchiveCandidate> chunk(List<ArchiveCandidate> order, int from) {
        int to = from;
        long bytes = 0;
        while (to < order.size()
                && to - from < CHUNK_FILES
                && (to == from || bytes + order.get(to).size() <= CHUNK_BYTES)) {
            bytes += order.get(to).size();
            to++;
        }
        return order.subList(from, to);
    }

    /** Reads a candidate (CRC-checked) and decodes it with the app's decoder: its bytes, or why not. */
    private static Look look(SampleArchive zip, ArchiveCandidate c) {
        if (!ImageFiles.hasImageExtension(Path.of(c.fileName()))) {
            return new Look(null, "not an image file (" + c.fileName() + ")");
        }
        byte[] bytes = zip.read(c);
        try {
            ImageDecoder.decode(bytes);
            return new Look(bytes, null);
        } catch (UnreadableImageException e) {
            return new Look(null, e.getMessage());
        }
    }

    private static Look await(Future<Look> look) {
        try {
            return look.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CatdogException("unpacking failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Writes a usable image where the split puts it, or records why it was passed over.
     *
     * @return where it went, or null when it was skipped
     */
    private static Part place(Path root, ArchiveCandidate c, int takenIndex, Look look, List<SkippedImage> skipped) {
        if (look.reason() != null) {
            skipped.add(new SkippedImage(c.name(), look.reason()));
            return null;
        }
        Part part = SampleSplit.partOf(takenIndex);
        Path dir = root.resolve(part.folder()).resolve(c.className());
        Path target = dir.resolve(c.fileName());
        if (!target.normalize().startsWith(root)) {
            throw new IllegalStateException("unpacking outside the data set: " + target); // names are checked before
        }
        Path tmp = dir.resolve("." + c.fileName() + ".part");
        try {
            Files.write(tmp, look.bytes());
            Files.move(tmp, target); // no REPLACE_EXISTING: a file already there is never overwritten
            return part;
        } catch (FileAlreadyExistsException e) {
            skipped.add(new SkippedImage(
                    c.name(),
                    "a file named " + c.fileName() + " is already in " + root.relativize(dir)
                            + "; it was left as it is"));
            return null;
        } catch (IOException e) {
            throw new CatdogException("cannot write " + target + " (" + e.getMessage() + ")", e);
        } finally {
            SampleFolder.deleteQuietly(tmp);
        }
    }

    /**
     * Copies the archive's licence and read-me into the data set folder (the licence asks to travel
     * with the data); a file of that name already there is left as it is.
     *
     * @return the names copied or already there
     */
    static List<String> copyNotices(SampleArchive zip, Path root) {
        List<String> names = new ArrayList<>();
        for (ArchiveCandidate c : zip.notices()) {
            Path target = root.resolve(c.fileName());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path tmp = root.resolve("." + c.fileName() + ".part");
                try {
                    Files.write(tmp, zip.read(c));
                    Files.move(tmp, target);
                } catch (FileAlreadyExistsException e) {
                    continue; // appeared meanwhile: not ours to replace
                } catch (IOException e) {
                    throw new CatdogException("cannot write " + target + " (" + e.getMessage() + ")", e);
                } finally {
                    SampleFolder.deleteQuietly(tmp);
                }
            }
            names.add(c.fileName());
        }
        return names;
    }

    /** The file an earlier run wrote for a candidate, in either set, or null. */
    private static Path existing(Path root, ArchiveCandidate c) {
        for (Part p : Part.values()) {
            Path f = root.resolve(p.folder()).resolve(c.className()).resolve(c.fileName());
            if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && SampleFolder.sizeOf(f) == c.size()) {
                return f;
            }
        }
        return null;
    }

    private static Part existingPart(Path root, ArchiveCandidate c) {
        Path f = existing(root, c);
        return f != null && f.getParent().getParent().getFileName().toString().equals(Part.TEST.folder())
                ? Part.TEST
                : Part.TRAINING;
    }
}
