package studio.catdog.core.sample;

/**
 * One image candidate: a file directly in a class folder of the archive.
 *
 * @param name the entry's full name
 * @param className the class folder it goes to ({@code cats}, {@code dogs})
 * @param fileName its file name (the last part of the name, checked)
 * @param size its declared uncompressed size
 */
record ArchiveCandidate(String name, String className, String fileName, long size) {}
