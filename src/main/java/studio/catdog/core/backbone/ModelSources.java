package studio.catdog.core.backbone;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import studio.catdog.core.CatdogException;
import studio.catdog.core.download.HttpFetcher;

/**
 * The catalogue of backbone files this app downloads, each pinned by address, size and checksum, and
 * the organisation-mirror override: {@value #BASE_URL_ENV} (environment) or {@code -D}{@value
 * #BASE_URL_PROPERTY} replaces every address by {@code <base>/<file name on the server>}.
 *
 * <p>The ONNX Model Zoo ResNet50 v1 files (opset 12) come from the {@code onnxmodelzoo} organisation on
 * the Hugging Face hub, one repository per model, at a commit revision (immutable, unlike {@code main});
 * their SHA-256 and size are the zoo's published ones. DJL's traced TorchScript ResNet50 (torchvision
 * weights) is pinned by what DJL's metadata for artifact {@code ai.djl.pytorch/resnet} 0.0.1 publishes:
 * the size and SHA-1 of the gzipped file; nobody publishes its SHA-256, so the SHA-256 of the unpacked
 * file is computed once the download is verified, recorded, and checked on every later use.
 */
public final class ModelSources {

    /** ONNX Model Zoo ResNet50 v1, fp32, run by ONNX Runtime. */
    public static final String RESNET50_ONNX = "resnet50-onnx";
    /** ONNX Model Zoo ResNet50 v1, int8 (quantized), run by ONNX Runtime. */
    public static final String RESNET50_ONNX_INT8 = "resnet50-onnx-int8";
    /** DJL's traced TorchScript ResNet50 (torchvision V1 weights), run by PyTorch, for the GPU. */
    public static final String RESNET50_TORCHSCRIPT = "resnet50-torchscript";
    /** The kind that models saved before the pins record for DJL's TorchScript ResNet50. */
    public static final String LEGACY_RESNET50 = "resnet50";
    /** The environment variable that points downloads at a mirror. */
    public static final String BASE_URL_ENV = "CATDOG_MODEL_BASE_URL";
    /** The system property that does the same (it wins over the environment; tests use it). */
    public static final String BASE_URL_PROPERTY = "catdog.model.base.url";

    private static final String ZOO_LICENCE = "Apache-2.0 (ONNX Model Zoo, github.com/onnx/models)";

    private static final List<PinnedModel> PINNED = List.of(
            new PinnedModel(
                    RESNET50_ONNX,
                    "ResNet50 v1, ONNX fp32",
                    "resnet50-v1-12.onnx",
                    "resnet50-v1-12.onnx",
                    URI.create("https://huggingface.co/onnxmodelzoo/resnet50-v1-12/resolve/"
                            + "1f95315d8bd3b3ca2ceabe54d274e0cdf5a83bbe/resnet50-v1-12.onnx"),
                    102_576_593L,
                    sha256("3f03fdef724b22947eed826f1eef1dc5c34151bb4c37d634f1db89dfa2dd1526"),
                    "3f03fdef724b22947eed826f1eef1dc5c34151bb4c37d634f1db89dfa2dd1526",
                    "OnnxRuntime",
                    ZOO_LICENCE,
                    "ONNX Model Zoo, MXNet-trained, ImageNet top-1 74.97 %; the fastest verified form on a CPU"),
            new PinnedModel(
                    RESNET50_ONNX_INT8,
                    "ResNet50 v1, ONNX int8",
                    "resnet50-v1-12-int8.onnx",
                    "resnet50-v1-12-int8.onnx",
                    URI.create("https://huggingface.co/onnxmodelzoo/resnet50-v1-12-int8/resolve/"
                            + "d843735a7f2c4a254931a633f6dc5758d52f06ee/resnet50-v1-12-int8.onnx"),
                    25_816_052L,
                    sha256("c234f30975989788b4405f25253275aae247ab6dbdd34aaa69ab0a59ff76f6d0"),
                    "c234f30975989788b4405f25253275aae247ab6dbdd34aaa69ab0a59ff76f6d0",
                    "OnnxRuntime",
                    ZOO_LICENCE,
                    "ONNX Model Zoo, quantized, ImageNet top-1 74.77 %; a quarter of the size"),
            new PinnedModel(
                    RESNET50_TORCHSCRIPT,
                    "ResNet50, TorchScript (for the GPU)",
                    "traced_resnet50.pt",
                    "traced_resnet50.pt.gz",
                    URI.create("https://mlrepo.djl.ai/model/cv/image_classification/ai/djl/pytorch/resnet/0.0.1/"
                            + "traced_resnet50.pt.gz"),
                    95_229_629L,
                    new FileDigest("SHA-1", "dabcf25f827f4fa163a91899ea11f45e82c9fb60"),
                    null,
                    "PyTorch",
                    "BSD-3-Clause (torchvision ImageNet weights), traced and hosted by DJL",
                    "DJL model zoo, torchvision weights (V1), ImageNet top-1 76.13 %; runs on an NVIDIA GPU"));

    private final List<PinnedModel> models;
    private final String problem;

    /**
     * Creates a catalogue (tests make their own, with generated files).
     *
     * @param models the entries
     */
    public ModelSources(List<PinnedModel> models) {
        this(models, null);
    }

    private ModelSources(List<PinnedModel> models, String problem) {
        this.models = List.copyOf(models);
        this.problem = problem;
    }

    /** @return the pinned catalogue at its real addresses */
    public static ModelSources pinned() {
        return new ModelSources(PINNED);
    }

    /**
     * The pinned catalogue with the mirror override of this process applied, if any.
     *
     * @return the catalogue; with an unusable override, one whose {@link #problem()} refuses every download
     */
    public static ModelSources fromEnvironment() {
        String property = System.getProperty(BASE_URL_PROPERTY);
        String base = property != null && !property.isBlank() ? property : System.getenv(BASE_URL_ENV);
        if (base == null || base.isBlank()) {
            return pinned();
        }
        try {
            return pinned().withBaseUrl(base);
        } catch (CatdogException e) {
            // Refused at the first download, not at start-up: local files and the tiny backbone still work,
            // and nothing is fetched from the real servers against the user's setting.
            return new ModelSources(
                    PINNED,
                    BASE_URL_ENV + " is '" + base + "', which cannot be used: " + e.getMessage()
                            + ". Point it at an https mirror that holds the files, or unset it.");
        }
    }

    /** @return why no download may start (an unusable mirror setting), or empty */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * The same files at a mirror: each at {@code <base>/<file name on the server>}.
     *
     * @param base the mirror's address
     * @return the catalogue
     * @throws CatdogException when the address is not https (or plain http to this computer)
     */
    public ModelSources withBaseUrl(String base) {
        String b = base.trim().endsWith("/") ? base.trim() : base.trim() + "/";
        URI uri;
        try {
            uri = URI.create(b);
        } catch (IllegalArgumentException e) {
            throw new CatdogException(BASE_URL_ENV + " is not an address: " + base);
        }
        HttpFetcher.checkAllowed(uri);
        return new ModelSources(
                models.stream().map(m -> m.at(uri.resolve(m.remoteName()))).toList());
    }

    /** @return every entry */
    public List<PinnedModel> all() {
        return models;
    }

    /**
     * @param id an id such as {@code resnet50-onnx}
     * @return the entry
     */
    public Optional<PinnedModel> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * @param id an id
     * @return the entry
     * @throws CatdogException when there is none
     */
    public PinnedModel require(String id) {
        return find(id).orElseThrow(() -> new CatdogException("Unknown backbone '" + id + "'. Known: "
                + String.join(", ", models.stream().map(PinnedModel::id).toList()) + "."));
    }

    /**
     * The backbone kind as the pinned catalogue names it: models saved before the pins say
     * {@code resnet50} for what is now {@value #RESNET50_TORCHSCRIPT} (the same file, the same
     * checksum).
     *
     * @param kind a recorded kind
     * @return the kind to compare
     */
    public static String canonicalKind(String kind) {
        return LEGACY_RESNET50.equals(kind) ? RESNET50_TORCHSCRIPT : kind;
    }

    private static FileDigest sha256(String hex) {
        return new FileDigest("SHA-256", hex);
    }
}
