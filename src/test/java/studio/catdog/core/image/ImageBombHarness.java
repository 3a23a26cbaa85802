package studio.catdog.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import studio.catdog.testing.ImageBombs;

/**
 * Not a test: a measurement for BENCHMARKS.md ("Image bombs"). Decodes one crafted file through
 * {@link ImageDecoder} on N threads at once and prints the outcome, the seconds and the process's peak
 * RSS. Run as a plain Java program with the test class path:
 * {@code java -cp "target/test-classes:target/classes:$(cat cp.txt)" studio.catdog.core.image.ImageBombHarness
 * webp16383|progressive20000|FILE THREADS}.
 */
public final class ImageBombHarness {

    private ImageBombHarness() {}

    /**
     * @param args what to decode ({@code webp16383}, {@code progressive20000} or a file) and the threads
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        byte[] bytes = switch (args[0]) {
            case "webp16383" -> ImageBombs.losslessWebp(16383, 16383, 0xff000000, 0);
            case "progressive20000" -> ImageBombs.jpegDeclaring(true, 20000, 20000, 0);
            default -> Files.readAllBytes(Path.of(args[0]));
        };
        int threads = Integer.parseInt(args[1]);
        ImageDecoder.readHeader(bytes); // class loading outside the timing
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                try {
                    var img = ImageDecoder.decode(bytes);
                    return "decoded " + img.getWidth() + "x" + img.getHeight();
                } catch (UnreadableImageException e) {
                    return "refused: " + e.getMessage();
                }
            }));
        }
        for (Future<String> r : results) {
            System.out.println(r.get());
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %,d bytes, %d threads, %.2f s, peak RSS %s%n",
                args[0],
                bytes.length,
                threads,
                (System.nanoTime() - start) / 1e9,
                peakRss());
        pool.shutdown();
    }

    private static String peakRss() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM")) {
                return l.substring(6).trim();
            }
        }
        return "?";
    }
}
