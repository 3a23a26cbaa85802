/**
 * Help: the Getting started page (F1), the keyboard shortcuts, About (version, licence, the built-in model's notice,
 * the third-party list) and the log folder. Depends on {@code core} (where files live) and {@code ui.common}.
 */
package studio.catdog.ui.help;
