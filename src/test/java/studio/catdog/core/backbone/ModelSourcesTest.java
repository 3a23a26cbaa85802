package studio.catdog.core.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;
import studio.catdog.core.concurrent.CancellationToken;
import studio.catdog.core.download.HttpFetcher;

/** The pinned catalogue, the mirror override and the backbone names users type. */
class ModelSourcesTest {

    @Test
    void everyPinnedFileComesOverHttpsFromAFixedRevisionWithItsSizeAndChecksum() {
        ModelSources pinned = ModelSources.pinned();
        assertThat(pinned.all())
                .extracting(PinnedModel::id)
                .containsExactly("resnet50-onnx", "resnet50-onnx-int8", "resnet50-torchscript");
        for (PinnedModel m : pinned.all()) {
            assertThat(m.url().getScheme()).as(m.id()).isEqualTo("https");
            assertThat(m.url().getPath()).as(m.id()).doesNotContain("/main/").endsWith("/" + m.remoteName());
            assertThat(m.downloadBytes()).as(m.id()).isPositive();
            assertThat(m.licence()).as(m.id()).isNotBlank();
        }
        PinnedModel fp32 = pinned.require("resnet50-onnx");
        assertThat(fp32.url())
                .hasToString("https://huggingface.co/onnxmodelzoo/resnet50-v1-12/resolve/"
                        + "1f95315d8bd3b3ca2ceabe54d274e0cdf5a83bbe/resnet50-v1-12.onnx");
        assertThat(fp32.downloadBytes()).isEqualTo(102_576_593L);
        assertThat(fp32.sha256())
                .isEqualTo("3f03fdef724b22947eed826f1eef1dc5c34151bb4c37d634f1db89dfa2dd1526")
                .isEqualTo(fp32.downloadDigest().hex());
        PinnedModel int8 = pinned.require("resnet50-onnx-int8");
        assertThat(int8.url())
                .hasToString("https://huggingface.co/onnxmodelzoo/resnet50-v1-12-int8/resolve/"
                        + "d843735a7f2c4a254931a633f6dc5758d52f06ee/resnet50-v1-12-int8.onnx");
        assertThat(int8.downloadBytes()).isEqualTo(25_816_052L);
        assertThat(int8.sha256()).isEqualTo("c234f30975989788b4405f25253275aae247ab6dbdd34aaa69ab0a59ff76f6d0");
        PinnedModel ts = pinned.require("resnet50-torchscript");
        assertThat(ts.url().getHost()).isEqualTo("mlrepo.djl.ai");
        assertThat(ts.gzipped()).isTrue();
        assertThat(ts.downloadBytes()).isEqualTo(95_229_629L);
        assertThat(ts.downloadDigest()).isEqualTo(new FileDigest("SHA-1", "dabcf25f827f4fa163a91899ea11f45e82c9fb60"));
        assertThat(ts.sha256())
                .as("not published: recorded when the verified download is installed")
                .isNull();
    }

    @Test
    void aMirrorServesEveryFileAsBaseSlashFileName() {
        ModelSources mirror = ModelSources.pinned().withBaseUrl("https://models.example.org/catdog");
        assertThat(mirror.require("resnet50-onnx").url())
                .hasToString("https://models.example.org/catdog/resnet50-v1-12.onnx");
        assertThat(mirror.require("resnet50-torchscript").url())
                .hasToString("https://models.example.org/catdog/traced_resnet50.pt.gz");
        assertThat(mirror.require("resnet50-onnx").sha256())
                .isEqualTo(ModelSources.pinned().require("resnet50-onnx").sha256());
        assertThat(ModelSources.pinned()
                        .withBaseUrl("http://127.0.0.1:8080/m/")
                        .require("resnet50-onnx")
                        .url())
                .hasToString("http://127.0.0.1:8080/m/resnet50-v1-12.onnx");
        assertThatThrownBy(() -> ModelSources.pinned().withBaseUrl("http://models.example.org/"))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining("https");
    }

    @Test
    void theOverrideIsReadFromTheSystemPropertyOfThisProcess() {
        String before = System.getProperty(ModelSources.BASE_URL_PROPERTY);
        try {
            System.setProperty(ModelSources.BASE_URL_PROPERTY, "https://mirror.example.org");
            assertThat(ModelSources.fromEnvironment()
                            .require("resnet50-onnx-int8")
                            .url())
                    .hasToString("https://mirror.example.org/resnet50-v1-12-int8.onnx");
            assertThat(ModelSources.fromEnvironment().problem()).isEmpty();
            // An unusable setting does not stop the app: it refuses downloads, naming the setting.
            System.setProperty(ModelSources.BASE_URL_PROPERTY, "http://mirror.example.org");
            ModelSources refusing = ModelSources.fromEnvironment();
            assertThat(refusing.problem())
                    .hasValueSatisfying(p -> assertThat(p)
                            .contains("CATDOG_MODEL_BASE_URL")
                            .contains("http://mirror.example.org")
                            .contains("https"));
            PinnedModel m = refusing.require("resnet50-onnx");
            BackboneStore store =
                    new BackboneStore(Path.of("/nonexistent/backbones"), refusing, new HttpFetcher(), false);
            assertThatThrownBy(() -> store.install(m, null, new CancellationToken()))
                    .hasMessageContaining("was not downloaded")
                    .hasMessageContaining("CATDOG_MODEL_BASE_URL");
        } finally {
            if (before == null) {
                System.clearProperty(ModelSources.BASE_URL_PROPERTY);
            } else {
                System.setProperty(ModelSources.BASE_URL_PROPERTY, before);
            }
        }
    }

    @Test
    void theNamesUsersTypeAndWhatResnet50StandsFor() {
        assertThat(BackboneSpec.parse("resnet50").kind()).isEqualTo(BackboneSpec.Kind.RESNET50);
        assertThat(BackboneSpec.parse("resnet50-onnx").kind()).isEqualTo(BackboneSpec.Kind.RESNET50_ONNX);
        assertThat(BackboneSpec.parse("ResNet50-ONNX-int8").kind()).isEqualTo(BackboneSpec.Kind.RESNET50_ONNX_INT8);
        assertThat(BackboneSpec.parse("resnet50-torchscript").text()).isEqualTo("resnet50-torchscript");
        assertThat(BackboneSpec.defaultResNet50(false)).isEqualTo(BackboneSpec.pinned("resnet50-onnx-int8"));
        assertThat(BackboneSpec.defaultResNet50(true)).isEqualTo(BackboneSpec.pinned("resnet50-torchscript"));
        assertThat(BackboneSpec.pinned("resnet50-onnx").isPinned()).isTrue();
        assertThat(BackboneSpec.resnet50().isPinned()).isFalse();
        assertThatThrownBy(() -> BackboneSpec.parse("resnet51")).hasMessageContaining("resnet50-onnx-int8");
        // Models saved before the pins name DJL's TorchScript file "resnet50": the same file.
        assertThat(ModelSources.canonicalKind("resnet50")).isEqualTo("resnet50-torchscript");
        assertThat(ModelSources.canonicalKind("onnx")).isEqualTo("onnx");
    }
}
