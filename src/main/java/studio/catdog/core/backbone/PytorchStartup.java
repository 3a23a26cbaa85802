package studio.catdog.core.backbone;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.catdog.core.CatdogException;

/**
 * The one start of DJL's PyTorch engine in this process, and the device choice it applies. The state
 * is process-wide (static), because DJL reads engine settings once per process; {@link Engines} is the
 * API over it.
 */
final class PytorchStartup {

    // Logged under Engines' name, as before this class was split out of it.
    // Logs under Engines, the name the engine set-up has in the log.
    private static final Logger log = LoggerFactory.getLogger(Engines.class);

    private static final Object START_LOCK = new Object();
    private static volatile DeviceChoice choice = DeviceChoice.AUTO;
    private static volatile EngineStart started;

    private PytorchStartup() {}

    /** See {@link Engines#setDeviceChoice}. */
    static boolean setChoice(DeviceChoice newChoice) {
        synchronized (START_LOCK) {
            choice = Objects.requireNonNull(newChoice);
            EngineStart s = started;
            if (s == null) {
                return true;
            }
            return newChoice == DeviceChoice.GPU
                    ? s.engineGpus() > 0
                    : !new Engines().deviceStatus().restartNeeded();
        }
    }

    /** @return the current device choice of this process */
    static DeviceChoice choice() {
        return choice;
    }

    /** @return what the engine start decided and found, or null before it */
    static EngineStart started() {
        return started;
    }

    /**
     * See {@link Engines#pytorch()}.
     *
     * @param probe what the plan is made from, probed only if the engine starts now
     * @return the engine
     */
    static Engine pytorch(MachineProbe probe) {
        EngineStart s = started;
        if (s == null) {
            synchronized (START_LOCK) {
                s = started;
                if (s == null) {
                    s = start(probe);
                }
            }
        }
        if (choice == DeviceChoice.GPU && s.engineGpus() <= 0) {
            throw new CatdogException(
                    s.choice() == DeviceChoice.GPU
                            ? "The GPU was asked for, but PyTorch started ("
                                    + s.plan().reason() + ") and sees no usable GPU."
                            : "The GPU was asked for, but PyTorch already runs on the CPU in this process ("
                                    + s.plan().reason() + "); restart to use the GPU.");
        }
        return Engine.getEngine("PyTorch");
    }

    private static EngineStart start(MachineProbe probe) {
        NativeMemoryTuning.apply();
        NativeThreadTuning.apply();
        DeviceChoice c = choice;
        DevicePlan p = DevicePlanner.plan(probe.machine(), c, false);
        log.info("libtorch: {} ({})", p.source(), p.reason());
        Engine engine;
        if (p.source() == LibrarySource.CACHED_CUDA) {
            // With the bundled CPU build hidden, DJL looks for <cache>/<version>-<flavor>-<classifier>
            // and loads it (the matching JNI library comes from pytorch-jni); it reaches no server.
            if (System.getProperty("PYTORCH_FLAVOR") == null && System.getenv("PYTORCH_FLAVOR") == null) {
                System.setProperty("PYTORCH_FLAVOR", LibtorchBuild.CUDA_FLAVOR);
            }
            engine = startHidingBundledCpu();
        } else {
            engine = Engine.getEngine("PyTorch");
        }
        EngineStart s = new EngineStart(p, c, engine.getGpuCount());
        started = s;
        log.info(
                "PyTorch {} started ({} GPU(s) visible, device choice {})",
                engine.getVersion(),
                s.engineGpus(),
                c.word());
        return s;
    }

    /**
     * DJL finds the bundled CPU libtorch through a classpath resource; hiding it from the context
     * class loader while the engine starts makes DJL look for the CUDA build in its cache.
     */
    private static Engine startHidingBundledCpu() {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        ClassLoader parent = original != null ? original : PytorchStartup.class.getClassLoader();
        thread.setContextClassLoader(new ClassLoader(parent) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return LibtorchBuild.BUNDLED_NATIVE_PROPERTIES.equals(name)
                        ? Collections.emptyEnumeration()
                        : super.getResources(name);
            }

            @Override
            public URL getResource(String name) {
                return LibtorchBuild.BUNDLED_NATIVE_PROPERTIES.equals(name) ? null : super.getResource(name);
            }
        });
        try {
            return Engine.getEngine("PyTorch");
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
