package studio.catdog.core.audit;

/**
 * One flip set of a {@link FlipBenchmark}, scored by both rankings.
 *
 * @param planted the number of labels flipped
 * @param fresh the new ranking's score
 * @param old the old ranking's score
 */
public record FlipBenchmarkRun(int planted, FlipBenchmarkScore fresh, FlipBenchmarkScore old) {}
