package studio.catdog.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Generated stand-ins for Microsoft's Cats-vs-Dogs archive: {@code PetImages/Cat/N.jpg} and
 * {@code PetImages/Dog/N.jpg} photos drawn by {@link TestImages}, plus whatever broken, hostile or extra
 * entries a test adds.
 */
public final class SampleArchives {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Boolean> stored = new LinkedHashMap<>();

    /**
     * Adds decodable JPEGs {@code PetImages/<folder>/<first>.jpg} onwards.
     *
     * @param folder {@code Cat} or {@code Dog}
     * @param first the first number
     * @param count how many
     * @param seed what they look like
     * @return this
     */
    public SampleArchives photos(String folder, int first, int count, long seed) {
        Random random = new Random(seed);
        for (int i = first; i < first + count; i++) {
            entries.put("PetImages/" + folder + "/" + i + ".jpg", jpeg(folder.equals("Cat") ? "cats" : "dogs", random));
        }
        return this;
    }

    /**
     * Adds an entry.
     *
     * @param name its name, as is (no check)
     * @param bytes its content
     * @return this
     */
    public SampleArchives entry(String name, byte[] bytes) {
        entries.put(name, bytes.clone());
        return this;
    }

    /**
     * Adds an entry stored without compression, so that its bytes can be found in the archive.
     *
     * @param name its name
     * @param bytes its content
     * @return this
     */
    public SampleArchives storedEntry(String name, byte[] bytes) {
        entry(name, bytes);
        stored.put(name, true);
        return this;
    }

    /** @return the entries added, by name */
    public Map<String, byte[]> entries() {
        return entries;
    }

    /** @return the zip archive */
    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                if (stored.containsKey(e.getKey())) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    z.setMethod(ZipEntry.STORED);
                    z.setSize(e.getValue().length);
                    z.setCompressedSize(e.getValue().length);
                    z.setCrc(crc.getValue());
                }
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Flips one byte inside a stored entry's data, leaving its declared CRC-32 as it was.
     *
     * @param zip the archive
     * @param storedName an entry added with {@link #storedEntry}
     * @return the damaged archive
     */
    public static byte[] damage(byte[] zip, String storedName) {
        byte[] name = storedName.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(zip, name); // the local header's copy comes first
        int extra = (zip[at - 2] & 0xff) | (zip[at - 1] & 0xff) << 8;
        int data = at + name.length + extra;
        byte[] out = zip.clone();
        out[data] ^= (byte) 0xff;
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not in the archive");
    }

    /**
     * A JPEG of a class.
     *
     * @param cls {@code cats} or {@code dogs}
     * @param random randomness
     * @return its bytes
     */
    public static byte[] jpeg(String cls, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(TestImages.image(cls, random), "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Random bytes (an incompressible filler entry).
     *
     * @param size how many
     * @param seed which
     * @return the bytes
     */
    public static byte[] noise(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
