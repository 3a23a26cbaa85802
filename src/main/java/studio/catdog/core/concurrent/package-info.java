/**
 * Cancellation shared by every long operation: a {@code CancellationToken} checked between steps and the
 * {@code CancelledException} it throws. Depends on nothing; every core package may use it.
 */
package studio.catdog.core.concurrent;
