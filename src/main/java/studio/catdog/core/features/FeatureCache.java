package studio.catdog.core.features;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.AtomicFiles;
import studio.catdog.core.FaultInjection;

/**
 * Feature vectors on disk, one append-only file per backbone and preprocessing, keyed by the image's
 * content hash. A second run on the same images never touches the backbone.
 *
 * <p>File format: a header (magic, version, key, dimension) then records of
 * {@code [32-byte SHA-256][dim floats][CRC32 of both]}. Records are only appended, so a crash can at
 * worst leave a torn last record: its checksum fails on open and the file is cut back to the last good
 * record. A header that names another key or dimension, or a corrupt header, makes the file be
 * rebuilt from nothing. Nothing unchecked is ever returned.
 */
public final class FeatureCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeatureCache.class);
    private static final int MAGIC = 0x43444643; // "CDFC"
    private static final int VERSION = 1;

    private final Path file;
    private final String key;
    private final int dim;
    private final Map<String, float[]> entries = new HashMap<>();
    private final int recordSize;
    private FileChannel channel;
    private int repairedRecords;

    private FeatureCache(Path file, String key, int dim) {
        this.file = file;
        this.key = key;
        this.dim = dim;
        this.recordSize = 32 + 4 * dim + 4;
    }

    /**
     * Opens (or creates, or repairs) the cache for one backbone and preprocessing.
     *
     * @param dir the cache folder
     * @param key the backbone identity and preprocessing id: equal key, equal features
     * @param dim the feature length
     * @return the open cache
     * @throws IOException when the folder cannot be written
     */
    public static FeatureCache open(Path dir, String key, int dim) throws IOException {
        Files.createDirectories(dir);
        FeatureCache cache = new FeatureCache(dir.resolve(fileName(key)), key, dim);
        cache.load();
        return cache;
    }

    /**
     * The file name for a key: a hash, so any key gives a safe name.
     *
     * @param key the cache key
     * @return the file name
     */
    static String fileName(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "features-" + HexFormat.of().formatHex(h, 0, 12) + ".bin";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() throws IOException {
        byte[] header = header();
        if (Files.exists(file)) {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = in.size();
                ByteBuffer head = ByteBuffer.allocate(header.length);
                boolean headerOk =
                        size >= header.length && readFully(in, head, 0) && Arrays.equals(head.array(), header);
                if (!headerOk) {
                    log.warn("feature cache {} belongs to another backbone or is damaged; rebuilding it", file);
                } else {
                    long good = header.length;
                    ByteBuffer rec = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
                    while (good + recordSize <= size) {
                        rec.clear();
                        if (!readFully(in, rec, good) || !addRecord(rec)) {
                            break;
                        }
                        good += recordSize;
                    }
                    if (good != size) {
                        repairedRecords = (int) Math.max(1, (size - good + recordSize - 1) / recordSize);
                        log.warn("feature cache {}: dropping a torn or corrupt tail of {} bytes", file, size - good);
                    }
                    channel = FileChannel.open(file, StandardOpenOption.WRITE);
                    channel.truncate(good);
                    channel.position(good);
                    return;
                }
            }
        }
        // New or rebuilt: write the header to a temporary file and move it into place, so a crash here
        // leaves either the old file or a valid empty one.
        entries.clear();
        AtomicFiles.write(file, header);
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        channel.position(header.length);
    }

    private boolean addRecord(ByteBuffer rec) {
        CRC32 crc = new CRC32();
        crc.update(rec.array(), 0, recordSize - 4);
        int stored = rec.getInt(recordSize - 4);
        if ((int) crc.getValue() != stored) {
            return false;
        }
        String hash = HexFormat.of().formatHex(rec.array(), 0, 32);
        float[] v = new float[dim];
        rec.position(32);
        for (int i = 0; i < dim; i++) {
            v[i] = rec.getFloat();
            if (!Float.isFinite(v[i])) {
                return false;
            }
        }
        entries.put(hash, v);
        return true;
    }

    private static boolean readFully(FileChannel in, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = in.read(buf, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        return true;
    }

    private byte[] header() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key);
            out.writeInt(dim);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Looks up the features of an image.
     *
     * @param sha256 the image content hash (64 hex digits)
     * @return a copy of the features, or null when not cached
     */
    public synchronized float[] get(String sha256) {
        float[] v = entries.get(sha256);
        return v == null ? null : v.clone();
    }

    /**
     * Stores features; appended to the file at once (flushed to disk by {@link #sync()}).
     *
     * @param sha256 the image content hash
     * @param features the feature vector, {@code dim} long
     * @throws IOException when the disk refuses the write
     */
    public synchronized void put(String sha256, float[] features) throws IOException {
        if (features.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " features, got " + features.length);
        }
        if (entries.containsKey(sha256)) {
            return;
        }
        ByteBuffer rec = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
        rec.put(HexFormat.of().parseHex(sha256));
        for (float f : features) {
            rec.putFloat(f);
        }
        CRC32 crc = new CRC32();
        crc.update(rec.array(), 0, recordSize - 4);
        rec.putInt((int) crc.getValue());
        rec.flip();
        long start = channel.position();
        try {
            if (System.getProperty("catdog.faultInjection.pauseAt") != null) {
                // Write half a record first, so a kill at this point leaves a torn record behind.
                ByteBuffer half = rec.duplicate();
                half.limit(recordSize / 2);
                while (half.hasRemaining()) {
                    channel.write(half);
                }
                channel.force(false);
                FaultInjection.pause("cache-mid-record");
                rec.position(recordSize / 2);
            }
            while (rec.hasRemaining()) {
                channel.write(rec);
            }
        } catch (IOException e) {
            channel.truncate(start); // leave no torn record behind (e.g. disk full)
            channel.position(start);
            throw e;
        }
        entries.put(sha256, features.clone());
    }

    /**
     * Forces appended records to disk.
     *
     * @throws IOException on a disk error
     */
    public synchronized void sync() throws IOException {
        channel.force(false);
    }

    /** @return the number of cached vectors */
    public synchronized int size() {
        return entries.size();
    }

    /** @return how many damaged records were dropped when the file was opened */
    public int repairedRecords() {
        return repairedRecords;
    }

    /** @return the cache file */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null && channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }
}
