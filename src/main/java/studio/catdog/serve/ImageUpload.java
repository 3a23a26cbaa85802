package studio.catdog.serve;

/** One uploaded image: its name (the part's file name, or "request") and its bytes. */
record ImageUpload(String name, byte[] bytes) {}
