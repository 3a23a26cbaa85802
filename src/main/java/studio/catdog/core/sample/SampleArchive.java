package studio.catdog.core.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import studio.catdog.core.concurrent.CancellationToken;

/**
 * The downloaded Cats-vs-Dogs archive, read through its central directory and trusted no further than
 * it is checked:
 *
 * <ul>
 *   <li>every entry name is checked before anything is unpacked: an absolute name, a drive letter, a
 *       backslash, a control character or a {@code ..} segment (a name that would lead outside the target
 *       folder) refuses the whole archive;
 *   <li>the layout must be {@code PetImages/Cat/<file>} and {@code PetImages/Dog/<file>}; other entries
 *       (the licence, the read-me) are listed as ignored, and two entries of one name refuse the archive;
 *   <li>sizes are bounded (entries, bytes per entry, bytes in all) by what the directory declares, and
 *       every read stops at the declared size;
 *   <li>every entry's bytes are checked against its CRC-32 ({@link #verify}, and again at {@link #read}).
 * </ul>
 *
 * Unpacking never uses an entry's folder part as a path: only the file name of a checked entry is
 * used, so nothing can be written outside the target folder, and only plain files are written (a link
 * entry would be a small file that does not decode, and is skipped).
 */
final class SampleArchive implements AutoCloseable {

    /** The folder inside the archive that holds the classes. */
    static final String ROOT = "PetImages";
    /** The archive's class folders, and the class folders they become (in this order). */
    static final Map<String, String> CLASSES = classes();

    /** No photo of this set comes near this; a larger entry is not the archive's. */
    static final long MAX_ENTRY_BYTES = 50_000_000L;
    /** The real archive unpacks to about 0.8 GB. */
    static final long MAX_TOTAL_BYTES = 4L << 30;
    /** The real archive holds about 25,000 entries. */
    static final int MAX_ENTRIES = 100_000;

    private static final int CHUNK = 1 << 16;

    private final ZipFile zip;
    private final Map<String, List<ArchiveCandidate>> byClass;
    private final List<ArchiveCandidate> notices;
    private final List<String> ignored;
    private final long totalBytes;

    private static Map<String, String> classes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Cat", "cats");
        m.put("Dog", "dogs");
        return Collections.unmodifiableMap(m);
    }

    private SampleArchive(
            ZipFile zip,
            Map<String, List<ArchiveCandidate>> byClass,
            List<ArchiveCandidate> notices,
            List<String> ignored,
            long totalBytes) {
        this.zip = zip;
        this.byClass = byClass;
        this.notices = notices;
        this.ignored = ignored;
        this.totalBytes = totalBytes;
    }

    /**
     * Opens an archive and checks its names, layout and declared sizes; reads no entry data.
     *
     * @param file the archive
     * @return the archive, open
     * @throws BadArchiveException when it is not a readable zip, a name leads outside the folder, the
     *     layout is not the expected one, or the sizes are beyond the bounds
     */
    static SampleArchive open(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadArchiveException("the download is not a readable zip archive (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new BadArchiveException("cannot read the download (" + e.getMessage() + ")", e);
        }
        try {
            return check(zip);
        } catch (RuntimeException e) {
            close(zip);
            throw e;
        }
    }

    private static SampleArchive check(ZipFile zip) {
        if (zip.size() > MAX_ENTRIES) {
            throw new BadArchiveException(String.format(
                    Locale.ROOT, "the archive holds %,d entries, more than the %,d expected", zip.size(), MAX_ENTRIES));
        }
        Map<String, List<ArchiveCandidate>> byClass = new LinkedHashMap<>();
        CLASSES.values().forEach(c -> byClass.put(c, new ArrayList<>()));
        List<String> ignored = new ArrayList<>();
        List<ArchiveCandidate> notices = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String name = e.getName();
            String escape = escapeProblem(name);
            if (escape != null) {
                throw new BadArchiveException("the archive holds an entry whose name " + escape + " (" + printable(name)
                        + "); such an entry could be written outside the folder");
            }
            if (e.isDirectory()) {
                continue;
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new BadArchiveException("the archive holds two entries named " + printable(name));
            }
            long size = e.getSize();
            if (size < 0 || size > MAX_ENTRY_BYTES) {
                throw new BadArchiveException(String.format(
                        Locale.ROOT,
                        "the entry %s declares %,d bytes; no file of this archive is larger than %,d",
                        printable(name),
                        size,
                        MAX_ENTRY_BYTES));
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new BadArchiveException(
                        String.format(Locale.ROOT, "the archive would unpack to more than %,d bytes", MAX_TOTAL_BYTES));
            }
            ArchiveCandidate c = candidate(name, size);
            if (c != null) {
                byClass.get(c.className()).add(c);
            } else if (isNotice(name)) {
                notices.add(new ArchiveCandidate(name, "", name, size));
            } else {
                ignored.add(name);
            }
        }
        for (Map.Entry<String, String> cls : CLASSES.entrySet()) {
            if (byClass.get(cls.getValue()).isEmpty()) {
                throw new BadArchiveException(
                        "this is not the Cats-vs-Dogs archive: it has no files in " + ROOT + "/" + cls.getKey() + "/");
            }
        }
        byClass.values().forEach(list -> list.sort((a, b) -> a.name().compareTo(b.name())));
        byClass.replaceAll((k, v) -> List.copyOf(v));
        return new SampleArchive(
                zip, Collections.unmodifiableMap(byClass), List.copyOf(notices), List.copyOf(ignored), total);
    }

    /**
     * Why an entry name could lead outside the folder it is unpacked into, or null when it cannot.
     *
     * @param name the entry name
     * @return the reason in words, or null
     */
    static String escapeProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                return "holds a control character";
            }
        }
        if (name.indexOf('\\') >= 0) {
            return "holds a backslash";
        }
        if (name.startsWith("/")) {
            return "is absolute";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return "leads to a parent folder (..)";
            }
        }
        return null;
    }

    /** The candidate an entry is, or null when it is not in a class folder of the expected layout. */
    private static ArchiveCandidate candidate(String name, long size) {
        String[] parts = name.split("/", -1);
        if (parts.length != 3 || !parts[0].equals(ROOT) || !CLASSES.containsKey(parts[1])) {
            return null;
        }
        String file = parts[2];
        if (file.isEmpty() || file.equals(".") || file.startsWith(".") || file.length() > 200) {
            return null; // hidden or odd names are not photos of the set
        }
        return new ArchiveCandidate(name, CLASSES.get(parts[1]), file, size);
    }

    /**
     * Whether an entry is a document at the archive's top level (its licence, {@code
     * CDLA-Permissive-2.0.pdf}, and its read-me), which travels with the images.
     */
    private static boolean isNotice(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.indexOf('/') < 0
                && !name.startsWith(".")
                && name.length() <= 100
                && (lower.endsWith(".pdf") || lower.endsWith(".txt"));
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (char ch : name.toCharArray()) {
            b.append(ch < 0x20 || ch == 0x7f ? '?' : ch);
        }
        return "'" + b + "'";
    }

    /** @return the candidates of each class folder ({@code cats}, {@code dogs}), sorted by name */
    Map<String, List<ArchiveCandidate>> candidates() {
        return byClass;
    }

    /** @return the documents at the archive's top level (licence, read-me), copied beside the images */
    List<ArchiveCandidate> notices() {
        return notices;
    }

    /** @return the entries outside the expected layout, which are not unpacked */
    List<String> ignored() {
        return ignored;
    }

    /** @return the declared uncompressed size of every file entry together */
    long totalBytes() {
        return totalBytes;
    }

    /**
     * Reads every file entry once and checks its size and CRC-32: a damaged or mixed-up download is
     * found before anything is unpacked.
     *
     * @param bytesRead receives the uncompressed bytes read so far, in all
     * @param token cancels between chunks
     * @throws BadArchiveException when an entry fails its check
     */
    void verify(LongConsumer bytesRead, CancellationToken token) {
        byte[] buffer = new byte[CHUNK];
        long done = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.isDirectory()) {
                continue;
            }
            token.throwIfCancelled();
            CRC32 crc = new CRC32();
            long n = 0;
            try (InputStream in = zip.getInputStream(e)) {
                int r;
                while ((r = in.read(buffer)) >= 0) {
                    n += r;
                    if (n > e.getSize()) {
                        throw sizeMismatch(e);
                    }
                    crc.update(buffer, 0, r);
                }
            } catch (IOException ex) {
                throw damaged(e, ex);
            }
            if (n != e.getSize()) {
                throw sizeMismatch(e);
            }
            if (crc.getValue() != e.getCrc()) {
                throw crcMismatch(e);
            }
            done += n;
            bytesRead.accept(done);
        }
    }

    /**
     * Reads one candidate's bytes, checked against its declared size and CRC-32.
     *
     * @param c the candidate
     * @return its bytes
     * @throws BadArchiveException when it fails the check
     */
    byte[] read(ArchiveCandidate c) {
        ZipEntry e = zip.getEntry(c.name());
        if (e == null || e.getSize() != c.size()) {
            throw new BadArchiveException("the archive changed while it was unpacked (" + printable(c.name()) + ")");
        }
        byte[] bytes = new byte[(int) e.getSize()];
        try (InputStream in = zip.getInputStream(e)) {
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n != bytes.length || in.read() >= 0) {
                throw sizeMismatch(e);
            }
        } catch (IOException ex) {
            throw damaged(e, ex);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (crc.getValue() != e.getCrc()) {
            throw crcMismatch(e);
        }
        return bytes;
    }

    private static BadArchiveException sizeMismatch(ZipEntry e) {
        return new BadArchiveException("the entry " + printable(e.getName())
                + " does not hold the number of bytes the archive declares: the download is damaged");
    }

    private static BadArchiveException crcMismatch(ZipEntry e) {
        return new BadArchiveException(
                "the entry " + printable(e.getName()) + " fails its CRC-32 check: the download is damaged");
    }

    private static BadArchiveException damaged(ZipEntry e, IOException ex) {
        return new BadArchiveException(
                "the entry " + printable(e.getName()) + " cannot be read (" + ex.getMessage()
                        + "): the download is damaged",
                ex);
    }

    @Override
    public void close() {
        close(zip);
    }

    private static void close(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only; nothing is lost
        }
    }
}
