/**
 * The one HTTP client ({@code HttpFetcher}: https only, resume, time limits, cancel) and the words for a
 * download's progress. Depends on {@code core.jobs} for progress values only; used by the backbone cache and any
 * other download.
 */
package studio.catdog.core.download;
