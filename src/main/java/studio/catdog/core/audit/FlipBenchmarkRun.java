package studio.catdog.core.audit;

/**
 * One flip set of a {@link FlipBenchmark}, scored by all three rankings.
 *
 * @param planted the number of labels flipped
 * @param fresh the new ranking's score (neighbours weighed by their agreement where each image lies)
 * @param old the old ranking's score (out-of-fold probabilities alone)
 * @param trustedEverywhere the ranking before the agreement was measured: neighbours trusted everywhere
 */
public record FlipBenchmarkRun(
        int planted, FlipBenchmarkScore fresh, FlipBenchmarkScore old, FlipBenchmarkScore trustedEverywhere) {}
