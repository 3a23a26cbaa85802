package studio.catdog.spark;

/** One file's outcome; {@code damage} says why a decoded image is damaged (null when whole or not decoded). */
record ImageFeatureResult(String path, String sha256, float[] features, String error, String damage) {}
