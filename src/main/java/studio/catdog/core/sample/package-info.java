/**
 * The sample data set: Microsoft's Cats-vs-Dogs archive downloaded, checked and laid out as a data
 * set ({@link studio.catdog.core.sample.SampleData}, submitted as a job by
 * {@code ModelService.downloads().sampleData}).
 *
 * <p>Depends on {@code core.download} (the one HTTP client), {@code core.image} (the app's decoder, which
 * decides what is broken), {@code core.jobs} (progress and cancel) and the core's file helpers; nothing
 * in the core depends on it except {@code core.service.Downloads}.
 */
package studio.catdog.core.sample;
