package studio.catdog.core.audit;

import java.util.List;
import studio.catdog.core.dataset.ImageSample;

/**
 * How one ranking did on one flip set.
 *
 * @param precisionTopN planted flips among the top n, divided by n
 * @param recallTop2N planted flips among the top 2n, divided by n
 * @param suspects the length of the list
 * @param plantedListed planted flips anywhere in the list
 * @param likely suspects in the {@link SuspectTier#LIKELY} tier
 * @param likelyPlanted planted flips among them
 * @param notPlantedInTopN the images in the top n that were not planted (some may be real errors)
 * @param likelyNotPlanted the likely suspects that were not planted
 */
public record FlipBenchmarkScore(
        double precisionTopN,
        double recallTop2N,
        int suspects,
        int plantedListed,
        int likely,
        int likelyPlanted,
        List<ImageSample> notPlantedInTopN,
        List<ImageSample> likelyNotPlanted) {}
