package studio.catdog.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The app's preprocessing is torchvision's ImageNet evaluation transform, value for value: a fixture
 * made once by {@code bench/python/make_preprocessing_fixture.py} (torchvision 0.14, Pillow 9.4) holds,
 * for generated images of awkward sizes, torchvision's resized-and-cropped pixels and 200 values of its
 * normalised tensor. No Python is needed here.
 */
class ImagePreprocessorTorchvisionTest {

    private static final String DIR = "/studio/catdog/image/torchvision/";

    private static JsonObject fixture() throws IOException {
        try (InputStream in = ImagePreprocessorTorchvisionTest.class.getResourceAsStream(DIR + "fixture.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        }
    }

    private static BufferedImage image(String file) throws IOException {
        try (InputStream in = ImagePreprocessorTorchvisionTest.class.getResourceAsStream(DIR + file)) {
            return ImageIO.read(in);
        }
    }

    @Test
    void everyCroppedPixelIsTorchvisionsAndEveryValueItsTensors() throws IOException {
        JsonArray images = fixture().getAsJsonArray("images");
        assertThat(images).hasSizeGreaterThanOrEqualTo(7);
        List<String> checked = new ArrayList<>();
        for (JsonElement e : images) {
            JsonObject f = e.getAsJsonObject();
            String name = f.get("name").getAsString();
            BufferedImage input = image(name + ".png");
            JsonArray resized = f.getAsJsonArray("resized");
            assertThat(ImagePreprocessor.resizedSize(input.getWidth(), input.getHeight(), 256))
                    .as(name + ": Resize(256)'s size")
                    .containsExactly(resized.get(0).getAsInt(), resized.get(1).getAsInt());
            JsonArray offset = f.getAsJsonArray("cropOffset");
            assertThat(ImagePreprocessor.centreOffset(resized.get(0).getAsInt(), 224))
                    .as(name + ": crop left")
                    .isEqualTo(offset.get(0).getAsInt());
            assertThat(ImagePreprocessor.centreOffset(resized.get(1).getAsInt(), 224))
                    .as(name + ": crop top")
                    .isEqualTo(offset.get(1).getAsInt());

            BufferedImage expected = image(name + ".crop.png");
            int[] want = expected.getRGB(0, 0, 224, 224, null, 0, 224);
            int[] got = ImagePreprocessor.crop(input, 256, 224);
            int differing = 0;
            for (int i = 0; i < want.length; i++) {
                if ((want[i] & 0xFFFFFF) != got[i]) {
                    differing++;
                }
            }
            assertThat(differing).as(name + ": pixels unlike torchvision's").isZero();

            float[] tensor = ImagePreprocessor.toTensor(input, Preprocessing.IMAGENET);
            for (JsonElement s : f.getAsJsonArray("samples")) {
                int index = s.getAsJsonArray().get(0).getAsInt();
                float value = (float) s.getAsJsonArray().get(1).getAsDouble();
                assertThat(tensor[index]).as(name + " tensor[" + index + "]").isEqualTo(value);
            }
            checked.add(name);
        }
        assertThat(checked).contains("landscape-500x375", "portrait-333x1000", "upscale-180x120");
    }

    @Test
    void theFeatureCacheKeyNamesTheNewTransform() {
        // Features of the earlier (Java2D) resize must never be read as this transform's.
        assertThat(Preprocessing.IMAGENET.id())
                .isEqualTo("resize256-crop224-mean[0.485,0.456,0.406]-std[0.229,0.224,0.225]"
                        + "-rgb-torchvision-pil-bilinear-v2")
                .doesNotContain("rgb-bilinear-v1");
    }

    @Test
    void theCropRegionIsTheCropInTheResizedImage() {
        // 500x375 -> 341x256, crop at (58, 16): Python's round(58.5) is 58.
        double[] r = ImagePreprocessor.cropRegion(500, 375, Preprocessing.IMAGENET);
        assertThat(r).containsExactly(58.0 / 341, 16.0 / 256, 224.0 / 341, 224.0 / 256);
    }
}
