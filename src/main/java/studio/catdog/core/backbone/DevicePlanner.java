package studio.catdog.core.backbone;

import java.nio.file.Files;
import java.nio.file.Path;
import studio.catdog.core.CatdogException;

/**
 * The pure decisions behind {@link Engines}: where libtorch comes from ({@link #plan}) and what the
 * status bar says about the device ({@link #status}). Functions of their inputs only, so every case is
 * testable without a GPU; {@link Engines} probes the machine and applies them.
 */
final class DevicePlanner {

    private DevicePlanner() {}

    /** See {@link Engines#plan(MachineFacts, DeviceChoice, boolean)}. */
    static DevicePlan plan(MachineFacts machine, DeviceChoice deviceChoice, boolean downloadConsented) {
        boolean gpuAsked = deviceChoice == DeviceChoice.GPU;
        String userPath = machine.env().get("PYTORCH_LIBRARY_PATH");
        if (userPath != null && !userPath.isBlank()) {
            return new DevicePlan(
                    LibrarySource.USER_LIBRARY_PATH,
                    Path.of(userPath),
                    "PYTORCH_LIBRARY_PATH is set" + (deviceChoice == DeviceChoice.CPU ? "; the CPU was chosen" : ""),
                    false);
        }
        if (deviceChoice == DeviceChoice.CPU) {
            return new DevicePlan(LibrarySource.BUNDLED_CPU, null, "the CPU was chosen", false);
        }
        if (machine.gpus() <= 0) {
            if (gpuAsked) {
                throw new CatdogException("The GPU was asked for, but no NVIDIA GPU with a working driver was found.");
            }
            return new DevicePlan(LibrarySource.BUNDLED_CPU, null, "no NVIDIA GPU found", false);
        }
        String found = machine.gpus() == 1 ? "NVIDIA GPU found" : machine.gpus() + " NVIDIA GPUs found";
        String flavor = machine.env().get("PYTORCH_FLAVOR");
        flavor = flavor == null || flavor.isBlank() ? LibtorchBuild.CUDA_FLAVOR : flavor.trim();
        String cpuBecause = null;
        if (!flavor.startsWith("cu")) {
            cpuBecause = "PYTORCH_FLAVOR=" + flavor + " asks for the CPU build";
        } else if (machine.cudaClassifier() == null) {
            cpuBecause = "DJL publishes no CUDA libtorch for this system";
        }
        if (cpuBecause != null) {
            return cpuOrRefuse(gpuAsked, found, cpuBecause, false);
        }
        Path dir = cudaLibraryDir(machine.engineCacheDir(), flavor, machine.cudaClassifier());
        if (isLibrary(dir)) {
            return new DevicePlan(LibrarySource.CACHED_CUDA, dir, found + "; CUDA libtorch found in " + dir, false);
        }
        String missing = "the CUDA libtorch (about " + LibtorchBuild.CUDA_DOWNLOAD_GB + " GB) is not downloaded";
        if (!LibtorchBuild.CUDA_FLAVOR.equals(flavor)) {
            return cpuOrRefuse(
                    gpuAsked,
                    found,
                    "PYTORCH_FLAVOR=" + flavor + " names a CUDA libtorch that is not in " + dir
                            + ", and CatDog Studio can download only " + LibtorchBuild.CUDA_FLAVOR,
                    false);
        }
        if (machine.offline()) {
            return cpuOrRefuse(gpuAsked, found, missing + " and downloads are off (offline mode)", false);
        }
        if (gpuAsked && downloadConsented) {
            return new DevicePlan(
                    LibrarySource.DOWNLOAD_CUDA,
                    dir,
                    found + "; downloading the CUDA libtorch (about " + LibtorchBuild.CUDA_DOWNLOAD_GB
                            + " GB) once, as asked",
                    false);
        }
        return cpuOrRefuse(gpuAsked, found, missing + "; download it with " + LibtorchBuild.HOW_TO_DOWNLOAD, true);
    }

    private static DevicePlan cpuOrRefuse(boolean gpuAsked, String found, String because, boolean downloadOffered) {
        if (gpuAsked) {
            throw new CatdogException("The GPU was asked for: " + found + ", but " + because + ".");
        }
        return new DevicePlan(LibrarySource.BUNDLED_CPU, null, found + "; using the CPU: " + because, downloadOffered);
    }

    /** See {@link Engines#status(MachineFacts, DeviceChoice, EngineStart, int)}. */
    static DeviceStatus status(
            MachineFacts machine, DeviceChoice deviceChoice, EngineStart startedOrNull, int threads) {
        DevicePlan planned;
        String refusal = null;
        try {
            planned = plan(machine, deviceChoice, false);
        } catch (CatdogException e) {
            planned = new DevicePlan(LibrarySource.BUNDLED_CPU, null, e.getMessage(), false);
            refusal = e.getMessage();
        }
        boolean plannedGpu = refusal == null && intendsGpu(planned, deviceChoice, machine.gpus());
        boolean engineStarted = startedOrNull != null;
        boolean usesGpu =
                engineStarted ? deviceChoice != DeviceChoice.CPU && startedOrNull.engineGpus() > 0 : plannedGpu;
        // The CPU can always be chosen later; the GPU only if the started engine has one.
        boolean restartNeeded = engineStarted && plannedGpu && startedOrNull.engineGpus() <= 0;
        String device = usesGpu ? "GPU 0 (CUDA)" : "CPU (" + threads + " cores)";
        String note;
        if (restartNeeded) {
            note = "the CUDA libtorch is ready: restart CatDog Studio to use the GPU";
        } else if (refusal != null && !usesGpu) {
            note = refusal;
        } else if (!usesGpu && machine.gpus() > 0) {
            note = planned.reason();
        } else {
            note = null;
        }
        boolean cached = machine.cudaClassifier() != null
                && isLibrary(
                        cudaLibraryDir(machine.engineCacheDir(), LibtorchBuild.CUDA_FLAVOR, machine.cudaClassifier()));
        return new DeviceStatus(
                device,
                usesGpu,
                engineStarted,
                Math.max(0, machine.gpus()),
                cached,
                planned.downloadOffered(),
                restartNeeded,
                note == null ? "" : note);
    }

    /** Whether a plan, applied with a choice, means PyTorch work on the GPU (given one is there). */
    private static boolean intendsGpu(DevicePlan plan, DeviceChoice deviceChoice, int gpus) {
        return plan.source() == LibrarySource.CACHED_CUDA
                || plan.source() == LibrarySource.USER_LIBRARY_PATH && deviceChoice != DeviceChoice.CPU && gpus > 0;
    }

    /** See {@link Engines#cudaLibraryDir}. */
    static Path cudaLibraryDir(Path engineCacheDir, String flavor, String classifier) {
        return engineCacheDir.resolve(LibtorchBuild.LIBTORCH_VERSION + "-" + flavor + "-" + classifier);
    }

    /** See {@link Engines#isLibrary}. */
    static boolean isLibrary(Path dir) {
        return Files.isRegularFile(dir.resolve(System.mapLibraryName("torch")));
    }
}
