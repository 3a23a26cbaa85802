package studio.catdog.spark;

import studio.catdog.core.dataset.Split;

/**
 * One labelled image of a data set.
 *
 * @param path its display form ({@link SparkPaths})
 * @param className its class folder's name
 * @param split its split, or null when the layout leaves it to the content hash
 */
record LabelledFile(String path, String className, Split split) {}
