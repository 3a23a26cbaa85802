package studio.catdog.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The one rule for every folder a job writes (a model folder, an export): nothing of the user's is
 * lost. An existing folder is replaced only when the user asked for it ({@code --overwrite}, or a
 * confirmation in the app), and even then only when it holds nothing but files the job itself writes;
 * an output that is, holds or lies inside an input is always refused. The checks run on real paths
 * (links resolved), before anything is written.
 */
public final class OutputFolders {

    private OutputFolders() {}

    /** An output folder that exists and holds something, while replacing it was not asked for. */
    public static final class ExistsException extends CatdogException {
        private static final long serialVersionUID = 1L;
        private final transient Path path;

        /**
         * @param path the folder
         * @param message the message for the user
         */
        public ExistsException(Path path, String message) {
            super(message);
            this.path = path;
        }

        /** @return the folder that exists */
        public Path path() {
            return path;
        }
    }

    /**
     * Checks an output folder before a job writes it.
     *
     * @param output the folder the job will create or replace
     * @param overwrite whether the user asked to replace an existing one
     * @param flag how the user asks for that, named in the message ({@code --overwrite}); blank where
     *     the caller replaces its own kind of folder anyway
     * @param own the file names the job writes into the folder; an existing folder may hold only these
     * @param inputs what the job reads (folders or files; nulls are ignored)
     * @throws ExistsException when the folder exists, is not empty and {@code overwrite} is false
     * @throws CatdogException when the output overlaps an input, is a file or a link, or holds files
     *     the job did not write
     */
    public static void check(
            Path output, boolean overwrite, String flag, Predicate<String> own, Collection<Path> inputs) {
        Path abs = output.toAbsolutePath().normalize();
        Path real = real(abs);
        for (Path input : inputs) {
            if (input == null) {
                continue;
            }
            Path in = real(input.toAbsolutePath().normalize());
            if (real.equals(in)) {
                throw new CatdogException("The output " + abs + " is the input " + input + " itself; "
                        + "choose another folder to write to (nothing was changed).");
            }
            if (real.startsWith(in)) {
                throw new CatdogException("The output " + abs + " lies inside the input " + input
                        + "; choose a folder outside it (nothing was changed).");
            }
            if (in.startsWith(real)) {
                throw new CatdogException("The output " + abs + " holds the input " + input
                        + "; choose a folder that does not contain what the job reads (nothing was changed).");
            }
        }
        if (Files.isSymbolicLink(abs)) {
            throw new CatdogException(
                    "The output " + abs + " is a symbolic link; give the folder itself (nothing was changed).");
        }
        if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new CatdogException(
                    "The output " + abs + " is a file, not a folder; choose a folder name " + "(nothing was changed).");
        }
        List<String> names = names(abs);
        if (names.isEmpty()) {
            return; // an empty folder holds nothing to lose
        }
        List<String> foreign = names.stream().filter(own.negate()).sorted().toList();
        if (!foreign.isEmpty()) {
            throw new CatdogException("The output " + abs + " holds files this job did not write ("
                    + String.join(", ", foreign.subList(0, Math.min(3, foreign.size())))
                    + (foreign.size() > 3 ? ", … " + foreign.size() + " in all" : "") + "), so it is never "
                    + "replaced" + (flag.isBlank() ? "" : ", not even with " + flag)
                    + ". Choose a new folder name (nothing was changed).");
        }
        if (!overwrite) {
            throw new ExistsException(
                    abs,
                    "The output " + abs + " already exists. Add " + flag + " to replace it (only a folder "
                            + "that holds nothing but this job's own files is replaced), or choose a new folder name.");
        }
    }

    /**
     * A path with its links resolved: the real path of its longest existing part, with the rest
     * appended (the rest does not exist yet, so it holds no link).
     *
     * @param abs an absolute, normalised path
     * @return its real form
     */
    public static Path real(Path abs) {
        Path existing = abs;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path r = existing.toRealPath();
            return rest == null ? r : r.resolve(rest);
        } catch (IOException e) {
            return abs;
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> Objects.toString(p.getFileName())).toList();
        } catch (IOException e) {
            throw new CatdogException("Cannot read the output folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
