package studio.catdog.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removing the app's own temporary folders. */
public final class FileTrees {

    private static final Logger log = LoggerFactory.getLogger(FileTrees.class);

    private FileTrees() {}

    /**
     * Deletes a folder and everything in it, best effort: what cannot be deleted is logged and left.
     * Only for folders the app created itself (temporary and superseded ones).
     *
     * @param dir the folder; nothing happens when it does not exist
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("could not delete {}", p);
                }
            });
        } catch (IOException e) {
            log.debug("could not delete {}", dir);
        }
    }
}
