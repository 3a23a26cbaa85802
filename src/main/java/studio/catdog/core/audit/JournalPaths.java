package studio.catdog.core.audit;

import java.util.Optional;
import studio.catdog.core.ContainedPaths;
import studio.catdog.core.dataset.DatasetScanner;

/**
 * Where a journal's paths may point: an image in a class folder ({@code <split>/<class>/...} or
 * {@code <class>/...}) or the same under {@code excluded/}. Anything else (the state folder, hidden
 * folders, the data set's top level, {@code ..}, an absolute path) is refused when the journal is read.
 */
final class JournalPaths {

    private JournalPaths() {}

    /**
     * @param relative a path from the journal, '/' between parts
     * @return why it is not an image path in a class folder, empty when it is one
     */
    static Optional<String> classPathProblem(String relative) {
        Optional<String> problem = ContainedPaths.problemWith(relative);
        if (problem.isPresent()) {
            return problem;
        }
        String[] parts = relative.split("/");
        if (parts.length < 2) {
            return Optional.of("is not inside a class folder");
        }
        for (String part : parts) {
            if (part.startsWith(".")) {
                return Optional.of("is inside the hidden folder or file '" + part + "'");
            }
        }
        if (parts[0].equals(DatasetScanner.EXCLUDED_FOLDER)) {
            return Optional.of("is inside " + DatasetScanner.EXCLUDED_FOLDER + "/, not a class folder");
        }
        return Optional.empty();
    }

    /**
     * @param relative a path from the journal
     * @return why it is not an image path under {@code excluded/}, empty when it is one
     */
    static Optional<String> excludedPathProblem(String relative) {
        Optional<String> problem = ContainedPaths.problemWith(relative);
        if (problem.isPresent()) {
            return problem;
        }
        String prefix = DatasetScanner.EXCLUDED_FOLDER + "/";
        if (!relative.startsWith(prefix)) {
            return Optional.of("is not inside " + prefix);
        }
        return classPathProblem(relative.substring(prefix.length()));
    }
}
