package studio.catdog.core.download;

/**
 * The most bytes a downloaded part may hold.
 *
 * @param bytes the limit, or -1 for none (neither the caller nor the server gave a size)
 * @param words what the limit is, for the message: "expected" (pinned) or "declared" (by the server)
 */
record SizeLimit(long bytes, String words) {}
