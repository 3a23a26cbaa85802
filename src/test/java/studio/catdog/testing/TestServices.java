package studio.catdog.testing;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import studio.catdog.core.AppPaths;
import studio.catdog.core.backbone.BackboneFactory;
import studio.catdog.core.backbone.BackboneStore;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.FileDigest;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.backbone.TorchScriptTrust;
import studio.catdog.core.dataset.DatasetScanner;
import studio.catdog.core.download.HttpFetcher;
import studio.catdog.core.features.FeatureExtractor;
import studio.catdog.core.service.ModelService;

/** Builds model services whose caches live in a test folder. */
public final class TestServices {

    private TestServices() {}

    /**
     * A service with all files under {@code home}.
     *
     * @param home a temporary folder
     * @return the service
     */
    public static ModelService service(Path home) {
        return service(
                home,
                new BackboneStore(home.resolve("cache/backbones"), ModelSources.pinned(), new HttpFetcher(), true));
    }

    /**
     * A service with all files under {@code home} and its own store of pinned backbones (a test
     * catalogue on a loopback server).
     *
     * @param home a temporary folder
     * @param store the pinned backbones
     * @return the service
     */
    public static ModelService service(Path home, BackboneStore store) {
        return service(home, store, TorchScriptTrust.REFUSE);
    }

    /**
     * A service with all files under {@code home} that asks this policy before it opens a TorchScript
     * file.
     *
     * @param home a temporary folder
     * @param trust the consent to TorchScript files
     * @return the service
     */
    public static ModelService service(Path home, TorchScriptTrust trust) {
        return service(
                home,
                new BackboneStore(home.resolve("cache/backbones"), ModelSources.pinned(), new HttpFetcher(), true),
                trust);
    }

    private static ModelService service(Path home, BackboneStore store, TorchScriptTrust trust) {
        Engines engines = new Engines();
        return new ModelService(
                engines,
                new BackboneFactory(engines, store).withTorchScriptTrust(trust),
                new AppPaths(home.resolve("data"), home.resolve("cache")),
                new FeatureExtractor(8, 1),
                new DatasetScanner(0.2, 42, home.resolve("cache/scans")));
    }

    /**
     * A catalogue entry for given bytes (a real model file served by a loopback server), under a real
     * catalogue id, with the bytes' own SHA-256 as its pin.
     *
     * @param id the id, e.g. {@code resnet50-onnx}
     * @param fileName the file name on the server and in the cache
     * @param url where the server has it
     * @param bytes the file
     * @return the entry
     */
    public static PinnedModel pinnedOnnx(String id, String fileName, URI url, byte[] bytes) {
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new PinnedModel(
                id,
                "Test " + id,
                fileName,
                fileName,
                url,
                bytes.length,
                new FileDigest("SHA-256", sha),
                sha,
                "OnnxRuntime",
                "test",
                "a tiny ONNX model");
    }

    /**
     * A store of pinned backbones with a test catalogue, short time limits and downloads on.
     *
     * @param dir the cache folder
     * @param entries the catalogue
     * @return the store
     */
    public static BackboneStore store(Path dir, PinnedModel... entries) {
        return new BackboneStore(
                dir,
                new ModelSources(List.of(entries)),
                new HttpFetcher(new HttpFetcher.Limits(
                        Duration.ofSeconds(5), Duration.ofSeconds(10), 3, Duration.ofMillis(10))),
                false);
    }
}
