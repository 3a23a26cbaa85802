package studio.catdog.ui.help;

import java.nio.file.Path;

/**
 * One place the app keeps files in.
 *
 * @param what what is kept there
 * @param path the folder or file on this computer
 */
public record StoragePlace(String what, Path path) {}
