package studio.catdog.core.audit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import studio.catdog.core.CatdogException;

/**
 * The "keep" decisions of {@link DatasetEdits}: images whose label the user confirmed and pairs that are
 * not duplicates (or both wanted), keyed by content hash so they survive renames and moves. Each change
 * is saved in the {@link AuditJournal} at once; when that fails, the change is taken back.
 *
 * <p>Not thread-safe: {@link DatasetEdits} holds its lock around every use.
 */
final class KeepDecisions {

    private final AuditJournal journal;

    /** @param journal the data set's journal, which holds and saves the decisions */
    KeepDecisions(AuditJournal journal) {
        this.journal = journal;
    }

    /** See {@link DatasetEdits#keep}. */
    void keep(String sha256, Path file) {
        Map<String, String> keptImages = journal.keptImages();
        if (keptImages.containsKey(sha256)) {
            return;
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(journal.root()) || abs.equals(journal.root())) {
            // The journal holds only paths inside the data set (it refuses any other when read).
            throw new CatdogException(file + " is not inside the data set " + journal.root() + ".");
        }
        Map<String, String> before = new LinkedHashMap<>(keptImages);
        keptImages.put(sha256, journal.relative(abs));
        journal.saveOrRestore(() -> {
            keptImages.clear();
            keptImages.putAll(before);
        });
    }

    /** See {@link DatasetEdits#forgetKeep}. */
    void forgetKeep(String sha256) {
        Map<String, String> keptImages = journal.keptImages();
        String was = keptImages.remove(sha256);
        if (was != null) {
            journal.saveOrRestore(() -> keptImages.put(sha256, was));
        }
    }

    /** See {@link DatasetEdits#keepPair}. */
    void keepPair(String sha256a, String sha256b) {
        Set<String> keptPairs = journal.keptPairs();
        String key = DuplicatePair.keyOf(sha256a, sha256b);
        if (keptPairs.add(key)) {
            journal.saveOrRestore(() -> keptPairs.remove(key));
        }
    }

    /** See {@link DatasetEdits#forgetPair}. */
    void forgetPair(String sha256a, String sha256b) {
        Set<String> keptPairs = journal.keptPairs();
        String key = DuplicatePair.keyOf(sha256a, sha256b);
        if (keptPairs.remove(key)) {
            journal.saveOrRestore(() -> keptPairs.add(key));
        }
    }

    /** See {@link DatasetEdits#isKept}. */
    boolean isKept(String sha256) {
        return journal.keptImages().containsKey(sha256);
    }

    /** See {@link DatasetEdits#isPairKept}. */
    boolean isPairKept(String sha256a, String sha256b) {
        return journal.keptPairs().contains(DuplicatePair.keyOf(sha256a, sha256b));
    }

    /** @return a copy of the decisions as they are now */
    KeptFindings snapshot() {
        return new KeptFindings(Set.copyOf(journal.keptImages().keySet()), Set.copyOf(journal.keptPairs()));
    }
}
