package studio.catdog.spark;

import org.junit.jupiter.api.Nested;

/**
 * The Spark jobs on generated images, in {@code local[2]}: {@code predict} ({@link SparkPredictCases}), then
 * {@code extract} and {@code train} ({@link SparkExtractTrainCases}).
 *
 * <p>One test class, so that surefire runs both in the same test JVM, one after the other: there the second starts
 * with Spark's code already loaded and compiled. Run apart, in the two test JVMs at once, they took 41-56 s of the
 * JVMs' time in a fresh clone's {@code mvn verify}; together 24-29 s (TESTING.md, "The test loop").
 */
class SparkJobsTest {

    @Nested
    class Predict extends SparkPredictCases {}

    @Nested
    class ExtractAndTrain extends SparkExtractTrainCases {}
}
