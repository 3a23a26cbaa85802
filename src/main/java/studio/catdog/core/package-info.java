/**
 * The engine of CatDog Studio, free of JavaFX: data sets, backbones, features, training, evaluation, prediction,
 * model folders and the job system, driven alike by the desktop app, the command line, Spark and tests. This
 * package holds the small shared pieces every layer below uses (paths, atomic writes, failures, ETA). Nothing in
 * core depends on {@code ui}, {@code cli} or {@code spark}, and core's packages form no cycle (ArchitectureTest).
 */
package studio.catdog.core;
