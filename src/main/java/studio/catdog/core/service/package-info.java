/**
 * {@code ModelService}, the one facade the front ends use, and the classes it hands work to: training runs,
 * predictions, evaluation, model files, downloads. Each public operation is a job on the right lane, and the current
 * model is one immutable value swapped whole. The top of core: it may depend on every other core package.
 */
package studio.catdog.core.service;
