package studio.catdog.hardening;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URI;
import org.junit.jupiter.api.Test;
import studio.catdog.core.backbone.CudaLibraryDownload;
import studio.catdog.core.backbone.Engines;
import studio.catdog.core.backbone.ModelSources;
import studio.catdog.core.backbone.PinnedModel;
import studio.catdog.core.download.DownloadException;
import studio.catdog.core.download.HttpFetcher;

/** Model files are data, and the app reaches the network only for downloads the user chose. */
class SecurityTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("studio.catdog");

    @Test
    void theAppItselfOpensNoNetworkConnections() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(HttpFetcher.class)
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.Socket")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.URLConnection")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("java.net.http..")
                .because("every download (a pinned backbone, the CUDA libtorch the user asked for) goes through "
                        + "the one HTTP client, which fetches https only")
                .check(APP);
    }

    @Test
    void theHttpClientFetchesHttpsOnlyAndPlainHttpOnlyFromThisComputer() {
        assertThat(HttpFetcher.checkAllowed(URI.create("https://huggingface.co/x")))
                .isNotNull();
        assertThat(HttpFetcher.checkAllowed(URI.create("http://127.0.0.1:8080/x")))
                .isNotNull();
        assertThat(HttpFetcher.checkAllowed(URI.create("http://[::1]:8080/x"))).isNotNull();
        for (String refused : new String[] {
            "http://huggingface.co/x",
            "http://127.example.com/x",
            "ftp://127.0.0.1/x",
            "file:///etc/passwd",
            "http://10.0.0.1/x"
        }) {
            assertThatThrownBy(() -> HttpFetcher.checkAllowed(URI.create(refused)))
                    .as(refused)
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("https");
        }
    }

    @Test
    void theCudaLibraryComesOverHttpsFromDjlsServer() {
        assertThat(CudaLibraryDownload.DJL_BASE_URL.getScheme()).isEqualTo("https");
        assertThat(CudaLibraryDownload.DJL_BASE_URL.getHost()).isEqualTo("publish.djl.ai");
    }

    @Test
    void modelFilesAreReadAsDataNeverDeserialisedIntoCode() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.ObjectInputStream")
                .orShould()
                .callMethod(Class.class, "forName", String.class)
                .because("a model folder from someone else must not be able to choose classes to run")
                .check(APP);
    }

    @Test
    void djlsCallHomeProbeIsSwitchedOffBeforeAnyEngineStarts() {
        new Engines(0);
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void everyPinnedBackboneComesOverHttpsFromAFixedRevisionAndIsCheckedByItsChecksum() {
        for (PinnedModel m : ModelSources.pinned().all()) {
            assertThat(HttpFetcher.checkAllowed(m.url()).getScheme()).as(m.id()).isEqualTo("https");
            assertThat(m.url().getPath()).as(m.id()).doesNotContain("/main/");
            assertThat(m.downloadDigest().hex()).as(m.id()).matches("[0-9a-f]{40}|[0-9a-f]{64}");
        }
    }
}
