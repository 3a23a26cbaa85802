package studio.catdog.core.sample;

import java.nio.file.Path;

/**
 * The outcome of a sample data run.
 *
 * @param dir the data set folder ({@code training_set/} and {@code test_set/}, each with {@code cats/}
 *     and {@code dogs/}); open it as any data set
 * @param summary what it holds and how it was made
 * @param alreadyComplete true when an earlier run had finished it and this run did nothing
 */
public record SampleDataResult(Path dir, SampleDataSummary summary, boolean alreadyComplete) {}
