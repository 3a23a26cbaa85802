package studio.catdog.core.service;

import java.nio.file.Path;
import studio.catdog.core.backbone.BackboneStore;
import studio.catdog.core.backbone.CudaLibraryDownload;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.download.TransferMeter;
import studio.catdog.core.jobs.Job;
import studio.catdog.core.jobs.JobKind;
import studio.catdog.core.jobs.JobQueue;
import studio.catdog.core.sample.SampleData;
import studio.catdog.core.sample.SampleDataResult;

/**
 * The downloads a user asks for, each a job on the files lane (so they never wait behind a
 * training run) with progress in bytes, speed and time left, and its own cancel. Nothing here runs
 * unless the user named the file: naming it is the consent.
 */
public final class Downloads {

    private final JobQueue jobs;
    private final BackboneStore store;

    Downloads(JobQueue jobs, BackboneStore store) {
        this.jobs = jobs;
        this.store = store;
    }

    /** @return the pinned backbones and the cache that holds them (catalogue, sizes, what is downloaded) */
    public BackboneStore backbones() {
        return store;
    }

    /**
     * Downloads a pinned backbone into the cache, verified. Cancelling keeps the part downloaded so
     * far, and the next try continues it.
     *
     * @param id the catalogue id, e.g. {@code resnet50-onnx}
     * @return the job; its result is the installed file
     */
    public Job<Path> backbone(String id) {
        PinnedModel m = store.sources().require(id);
        return jobs.submit(
                JobKind.DOWNLOAD,
                "Downloading " + m.displayName(),
                c -> store.install(m, TransferMeter.toJob("Downloading " + m.id(), c), c.token()));
    }

    /**
     * Copies a backbone file the user downloaded elsewhere into the cache, when its checksum is that
     * of a pinned one.
     *
     * @param file the file
     * @return the job; its result is the entry it matched
     */
    public Job<PinnedModel> importBackbone(Path file) {
        return jobs.submit(JobKind.DOWNLOAD, "Importing " + file.getFileName(), c -> {
            c.progress("Checking the checksum of " + file.getFileName(), 0, 0, Double.NaN);
            return store.importFile(file, c.token());
        });
    }

    /**
     * Downloads the CUDA libtorch; a failure or cancel installs nothing and PyTorch stays on the CPU.
     *
     * @return the job; its result is the installed library folder
     */
    public Job<Path> gpuLibrary() {
        return jobs.submit(
                JobKind.DOWNLOAD,
                "Downloading the GPU library",
                c -> CudaLibraryDownload.forThisMachine()
                        .download(TransferMeter.toJob("Downloading the CUDA libtorch", c), c.token()));
    }

    /**
     * Makes the sample data set: downloads Microsoft's Cats-vs-Dogs archive (or the mirror that
     * {@code CATDOG_SAMPLE_DATA_URL} names), checks it and lays its photos out as a data set with
     * {@code training_set/} and {@code test_set/}. A later call with the same folder and limit finishes
     * an interrupted run or, when it finished, does nothing. See {@link SampleData}.
     *
     * @param dir the data set folder: new, empty, or an earlier run's
     * @param limitPerClass the images per class at most, split 2:1 into training and test; 0 for all
     * @return the job; its result names the folder and what it holds
     */
    public Job<SampleDataResult> sampleData(Path dir, int limitPerClass) {
        return jobs.submit(
                JobKind.DOWNLOAD,
                "Getting the sample data set",
                c -> SampleData.forThisMachine().run(dir, limitPerClass, c));
    }
}
