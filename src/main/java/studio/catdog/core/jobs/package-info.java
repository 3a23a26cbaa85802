/**
 * The job system: a {@code Job} is a JavaFX-free unit of long work with its own state, progress, cancel, result
 * and listeners; {@code JobQueue} runs jobs on one worker per lane (engine, files). Front ends observe jobs; they
 * never run engine work on their own threads.
 */
package studio.catdog.core.jobs;
