package studio.catdog.core.prediction;

import java.util.List;

/**
 * What {@link PredictionCsv#read} found.
 *
 * @param records the complete records, each a list of field values (as given to the writer)
 * @param length how many characters of the text they span; less than the text's length when it
 *     ends in a record torn by an interrupted write
 */
public record CsvContents(List<List<String>> records, int length) {}
