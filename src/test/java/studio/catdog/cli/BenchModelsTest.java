package studio.catdog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.AppPaths;
import studio.catdog.testing.PropertyOverride;
import studio.catdog.testing.TestImages;
import studio.catdog.testing.TinyOnnx;

/**
 * {@code catdog bench} loaded its random-weight models from {@code /tmp/catdog-models}, where any local
 * user can plant a file; they now come from this user's cache folder or an explicit {@code --models}.
 */
class BenchModelsTest {

    @TempDir
    Path dir;

    private PropertyOverride home;

    @BeforeEach
    void home() {
        home = PropertyOverride.set("catdog.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        home.close();
    }

    @Test
    void theRandomWeightModelsComeFromThisUsersFolderOrAnExplicitOne() throws Exception {
        Path perUser = AppPaths.forCurrentUser().cacheDir().resolve("bench-models");
        assertThat(BenchCommand.defaultModelDir()).isEqualTo(perUser);
        Path data = TestImages.flatDataset(dir.resolve("data"), 3, 1);

        CliRun missing = CliRun.of("bench", "--data", data.toString(), "--backbone", "resnet50-random-int8");
        assertThat(missing.code()).isEqualTo(CatdogCli.EXIT_FAILED);
        assertThat(missing.err())
                .contains(perUser.resolve("resnet50-random-int8.onnx").toString())
                .doesNotContain("/tmp/catdog-models");

        Path explicit = TinyOnnx.writeQuantizedResidual(
                Files.createDirectories(dir.resolve("mine")).resolve("resnet50-random-int8.onnx"), 1);
        assertThat(BenchCommand.resolveBackbone("resnet50-random-int8", explicit.getParent())
                        .file())
                .isEqualTo(explicit);
        assertThat(CliRun.of("bench", "--help").out()).contains("--models");
    }
}
