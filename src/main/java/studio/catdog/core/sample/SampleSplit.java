package studio.catdog.core.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixed, seeded choice of which images of a class are taken and where each goes. The class's
 * files are sorted by name and shuffled with a seed (Fisher-Yates over {@link Random}, whose sequence
 * Java specifies, so every machine gets the same order); the images are taken in that order, broken
 * ones passed over, until the limit; of the images taken, every third goes to the test set and the
 * other two to the training set: the 2:1 ratio of the seed data set (4,000 training and 2,000 test
 * images), which {@code --limit 3000} reproduces in size. A smaller limit takes a prefix of a larger
 * one's images, in the same sets.
 */
final class SampleSplit {

    /** The seed of every sample data set. */
    static final long SEED = 42;

    /** Where an image goes. */
    enum Part {
        /** {@code training_set}. */
        TRAINING("training_set"),
        /** {@code test_set}. */
        TEST("test_set");

        private final String folder;

        Part(String folder) {
            this.folder = folder;
        }

        /** @return the folder name under the data set */
        String folder() {
            return folder;
        }
    }

    private SampleSplit() {}

    /**
     * The order in which a class's files are taken.
     *
     * @param sortedByName the class's files, sorted by name
     * @param classIndex the class's position (0 cats, 1 dogs), so classes are not shuffled alike
     * @param <T> the file type
     * @return the files in their seeded order
     */
    static <T> List<T> order(List<T> sortedByName, int classIndex) {
        List<T> out = new ArrayList<>(sortedByName);
        Random random = new Random(SEED * 1_000_003L + classIndex);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * Where the n-th image taken from a class goes.
     *
     * @param takenIndex how many images of the class were taken before it (0 for the first)
     * @return its part
     */
    static Part partOf(int takenIndex) {
        return takenIndex % 3 == 2 ? Part.TEST : Part.TRAINING;
    }
}
