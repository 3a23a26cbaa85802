package studio.catdog.core.backbone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One file of the CUDA libtorch as this version of CatDog Studio expects it: the gzipped file's size and
 * SHA-256, and the most bytes it may unpack to. Native code is downloaded only when every file is pinned.
 *
 * @param version the libtorch version, e.g. {@code 2.7.1}
 * @param entry the file as DJL's index lists it ({@code cu128/linux-x86_64/native/lib/libtorch.so.gz})
 * @param gzBytes the size of the gzipped file
 * @param gzSha256 its SHA-256, 64 lowercase hex digits
 * @param maxUnpackedBytes the most bytes it may unpack to
 */
public record LibraryPin(String version, String entry, long gzBytes, String gzSha256, long maxUnpackedBytes) {

    /** The pins shipped with the app, one a line: version, entry, gzip bytes, gzip SHA-256, unpacked cap. */
    static final String RESOURCE = "/studio/catdog/backbones/cuda-libtorch-pins.txt";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Checks the values. */
    public LibraryPin {
        if (version == null || entry == null || gzBytes <= 0 || maxUnpackedBytes <= 0) {
            throw new IllegalArgumentException("unusable pin for " + entry);
        }
        if (gzSha256 == null || !SHA256.matcher(gzSha256).matches()) {
            throw new IllegalArgumentException("unusable SHA-256 in the pin for " + entry);
        }
    }

    /**
     * The pins shipped inside the application for one libtorch version.
     *
     * @param version the libtorch version
     * @return its pinned files (all platforms and flavours), empty when none are shipped
     */
    static List<LibraryPin> shipped(String version) {
        try (InputStream in = LibraryPin.class.getResourceAsStream(RESOURCE)) {
            return in == null ? List.of() : parse(in, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a pin list: one pin a line ({@code version entry gzBytes gzSha256 maxUnpackedBytes}), blank
     * lines and lines starting with '#' ignored.
     *
     * @param in the list
     * @param version keep only this version's pins
     * @return the pins
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when a line is not a pin
     */
    static List<LibraryPin> parse(InputStream in, String version) throws IOException {
        List<LibraryPin> pins = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException("not a pin: " + l);
            }
            LibraryPin pin = new LibraryPin(f[0], f[1], Long.parseLong(f[2]), f[3], Long.parseLong(f[4]));
            if (pin.version().equals(version)) {
                pins.add(pin);
            }
        }
        return pins;
    }
}
