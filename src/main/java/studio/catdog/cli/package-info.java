/**
 * The headless command line ({@code catdog train|evaluate|predict|audit|...}): one picocli command per verb, progress
 * on stderr, one JSON object as the last line of stdout, exit codes 0 (done), 1 (failed) and 2 (wrong usage).
 * Depends on {@code core} only (never on {@code ui} or JavaFX); its output is English and does not use the app's
 * resource bundle.
 */
package studio.catdog.cli;
