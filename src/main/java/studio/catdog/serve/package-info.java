/**
 * The local prediction server ({@code catdog serve}, the app's <i>Model &gt; Serve this model…</i>): HTTP/1.1
 * and JSON on Javalin (Jetty 12), with dynamic batching over the core's one engine worker.
 *
 * <p>Depends on {@code core} only; {@code cli} and {@code ui.serve} use it. It is the only package that imports
 * Javalin or Jetty ({@code ArchitectureTest} keeps it so). Request threads read, decode and preprocess
 * images (plain float arrays); {@link studio.catdog.serve.BatchingPredictor} gathers them into batches that
 * run as one engine job each, so NDArrays never leave the engine worker.
 */
package studio.catdog.serve;
