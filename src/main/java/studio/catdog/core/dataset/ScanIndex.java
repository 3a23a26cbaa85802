package studio.catdog.core.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;

/**
 * Remembers, per data set folder, each good image's content hash by path, size and modification time,
 * so opening the same folder again reads only files that changed (as make and git do). The file ends
 * with a checksum; a damaged or foreign index is ignored and rewritten, never trusted.
 */
final class ScanIndex {

    private static final Logger log = LoggerFactory.getLogger(ScanIndex.class);
    private static final int MAGIC = 0x43445349; // "CDSI"

    /** What is known about one file. */
    record Entry(long size, long modifiedMillis, String sha256) {}

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private ScanIndex(Path file) {
        this.file = file;
    }

    /**
     * Loads the index of a data set folder (empty when there is none or it is damaged).
     *
     * @param dir the index folder, or null for no index
     * @param root the data set folder
     * @return the index
     */
    static ScanIndex load(Path dir, Path root) {
        if (dir == null) {
            return new ScanIndex(null);
        }
        String name = "scan-"
                + DatasetScanner.sha256(
                                root.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8))
                        .substring(0, 24)
                + ".bin";
        ScanIndex index = new ScanIndex(dir.resolve(name));
        try {
            byte[] bytes = Files.readAllBytes(index.file);
            if (bytes.length < 8) {
                return index;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 4);
            int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
            if ((int) crc.getValue() != stored) {
                log.warn("scan index {} is damaged; rebuilding it", index.file);
                return index;
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
            if (in.readInt() != MAGIC) {
                return index;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String path = in.readUTF();
                index.entries.put(path, new Entry(in.readLong(), in.readLong(), in.readUTF()));
            }
        } catch (NoSuchFileException e) {
            // first scan of this folder
        } catch (IOException | RuntimeException e) {
            log.warn("scan index {} unreadable; rebuilding it", index.file, e);
            index.entries.clear();
        }
        return index;
    }

    /**
     * The known hash of a file, if its size and modification time are unchanged.
     *
     * @param path the file
     * @param attrs its current attributes
     * @return the hash, or null when the file must be read
     */
    String knownHash(Path path, BasicFileAttributes attrs) {
        Entry e = entries.get(path.toString());
        return e != null
                        && e.size() == attrs.size()
                        && e.modifiedMillis() == attrs.lastModifiedTime().toMillis()
                ? e.sha256()
                : null;
    }

    /**
     * Records a good file.
     *
     * @param path the file
     * @param attrs its attributes when it was read
     * @param sha256 its content hash
     */
    void remember(Path path, BasicFileAttributes attrs, String sha256) {
        entries.put(
                path.toString(),
                new Entry(attrs.size(), attrs.lastModifiedTime().toMillis(), sha256));
    }

    /**
     * Writes the index, keeping only the given files (atomically: temporary file, then rename).
     *
     * @param keep paths still in the data set
     */
    void save(Set<String> keep) {
        if (file == null) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            Map<String, Entry> kept = new TreeMap<>();
            entries.forEach((k, v) -> {
                if (keep.contains(k)) {
                    kept.put(k, v);
                }
            });
            out.writeInt(MAGIC);
            out.writeInt(kept.size());
            for (Map.Entry<String, Entry> e : kept.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().size());
                out.writeLong(e.getValue().modifiedMillis());
                out.writeUTF(e.getValue().sha256());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            log.warn("could not write scan index {}", file, e); // only a speed-up; the scan result stands
        }
    }
}
