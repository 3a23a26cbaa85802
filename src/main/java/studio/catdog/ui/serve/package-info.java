/**
 * <i>Model &gt; Serve this model…</i>: a small window that starts and stops the local prediction server over the
 * app's model service. Depends on {@code serve}, {@code core} and {@code ui.common}.
 */
package studio.catdog.ui.serve;
