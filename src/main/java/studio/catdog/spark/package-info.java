/**
 * The Apache Spark jobs ({@code predict}, {@code extract}, {@code train}) over the same core, for archives beyond
 * one machine. The only package that imports Spark (a provided dependency the desktop package never carries);
 * nothing depends on it.
 */
package studio.catdog.spark;
