package studio.catdog.ui.training;

/**
 * One backbone as the list shows it.
 *
 * @param id the catalogue id, which is what choosing the row trains with
 * @param title its name, marked when it is what {@code resnet50} stands for here
 * @param details size, speed on this machine, and whether it is downloaded (or how far a download is)
 * @param downloaded whether it is in the cache
 * @param busy whether a download or import of it is running
 * @param isDefault whether {@code resnet50} stands for it on this machine
 */
public record BackboneRow(
        String id, String title, String details, boolean downloaded, boolean busy, boolean isDefault) {}
