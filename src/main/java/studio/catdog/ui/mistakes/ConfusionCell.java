package studio.catdog.ui.mistakes;

/**
 * A confusion-matrix cell.
 *
 * @param trueIndex the row: the true class
 * @param predictedIndex the column: the predicted class
 */
public record ConfusionCell(int trueIndex, int predictedIndex) {}
