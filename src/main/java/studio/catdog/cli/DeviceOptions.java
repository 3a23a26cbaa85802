package studio.catdog.cli;

import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import studio.catdog.core.CatdogException;
import studio.catdog.core.backbone.CudaLibraryDownload;
import studio.catdog.core.backbone.DeviceChoice;
import studio.catdog.core.backbone.DevicePlan;
import studio.catdog.core.backbone.DeviceStatus;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.LibrarySource;
import studio.catdog.core.backbone.LibtorchBuild;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.TransferMeter;

/**
 * The {@code --device auto|cpu|gpu} and {@code --trust-torchscript} options of every command that runs a
 * backbone (train, evaluate, predict, explain, export, audit, bench), applied before the engine starts.
 * {@code gpu} is the user's explicit consent to download the CUDA libtorch when it is missing (with progress on
 * stderr); {@code auto} never downloads.
 */
final class DeviceOptions {

    private static final String USE_THE_CPU = " Use --device auto or --device cpu to run on the CPU.";

    @Option(
            names = "--device",
            paramLabel = "auto|cpu|gpu",
            defaultValue = "auto",
            converter = Converter.class,
            description = "Where PyTorch runs: auto (default: the GPU when its CUDA libtorch is already here, else the "
                    + "CPU; never downloads), cpu, or gpu (the GPU or fail; downloads its CUDA libtorch, about "
                    + LibtorchBuild.CUDA_DOWNLOAD_GB + " GB, once if missing).")
    DeviceChoice device = DeviceChoice.AUTO;

    @Option(
            names = "--trust-torchscript",
            description =
                    "Open TorchScript (.pt) backbone files, also one a model folder names. TorchScript holds code "
                            + "that PyTorch runs when it loads the file: give this only for files from a source you "
                            + "trust. Without it a TorchScript file is refused before it is read (the pinned "
                            + "resnet50-torchscript needs no flag: it is checked by its SHA-256).")
    boolean trustTorchScript;

    /** @return the consent this command line gives to open TorchScript files */
    TorchScriptTrust trust() {
        return trustTorchScript
                ? TorchScriptTrust.TRUST_ALL
                : TorchScriptTrust.refuse("Add --trust-torchscript to open it, only if you trust where it came from.");
    }

    /** Parses auto/cpu/gpu; anything else is wrong usage (exit 2). */
    static final class Converter implements ITypeConverter<DeviceChoice> {
        @Override
        public DeviceChoice convert(String value) {
            try {
                return DeviceChoice.parse(value);
            } catch (CatdogException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * Makes the choice this process's: downloads the CUDA libtorch first when {@code gpu} needs it.
     *
     * @param progress where download progress and the device note go
     * @throws CatdogException when the GPU was asked for and cannot be used, or its download failed
     */
    void apply(ConsoleProgress progress) {
        Engines engines = new Engines();
        DevicePlan plan;
        try {
            plan = engines.plan(device, device == DeviceChoice.GPU);
        } catch (CatdogException e) {
            throw new CatdogException(e.getMessage() + USE_THE_CPU, e);
        }
        downloadIfPlanned(plan, CudaLibraryDownload::forThisMachine, progress);
        if (!Engines.setDeviceChoice(device)) {
            throw new CatdogException("--device " + device.word() + " cannot apply: PyTorch already started in this "
                    + "process without the GPU.");
        }
        DeviceStatus status = engines.deviceStatus();
        if (status.gpusFound() > 0 || device != DeviceChoice.AUTO) {
            progress.message("Device: " + status.text());
        }
    }

    /**
     * Runs the download the plan calls for (only {@code --device gpu} plans one), with progress.
     *
     * @param plan the plan
     * @param download makes the download
     * @param progress where progress goes
     * @throws CatdogException when the download fails
     */
    static void downloadIfPlanned(DevicePlan plan, Supplier<CudaLibraryDownload> download, ConsoleProgress progress) {
        if (plan.source() != LibrarySource.DOWNLOAD_CUDA) {
            return;
        }
        progress.message("--device gpu: downloading the CUDA libtorch (about " + LibtorchBuild.CUDA_DOWNLOAD_GB
                + " GB, once) to " + plan.libraryPath());
        TransferMeter meter = new TransferMeter();
        try {
            download.get()
                    .download(
                            (done, total) -> progress.transfer("Downloading CUDA libtorch", meter.update(done, total)),
                            new CancellationToken());
        } catch (CatdogException e) {
            throw new CatdogException(e.getMessage() + USE_THE_CPU, e);
        }
        progress.message("CUDA libtorch ready in " + plan.libraryPath());
    }
}
