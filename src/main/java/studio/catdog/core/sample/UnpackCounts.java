package studio.catdog.core.sample;

import java.util.List;
import java.util.Map;

/** What the unpacking counted. */
record UnpackCounts(Map<String, Integer> training, Map<String, Integer> test, List<SkippedImage> skipped) {}
