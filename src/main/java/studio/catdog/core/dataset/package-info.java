/**
 * Data sets on disk: the scanner that turns class folders into labelled samples (with the reasons files are
 * skipped), the split, and the scan index that lets a reopened folder read only changed files. Depends on
 * {@code core.image}.
 */
package studio.catdog.core.dataset;
