package studio.catdog.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import studio.catdog.core.CatdogException;

/** The seeded order and the 2:1 split; where the archive comes from. */
class SampleSplitTest {

    private static final List<Integer> FILES =
            IntStream.range(0, 12_500).boxed().toList();

    @Test
    void theOrderIsAPermutationFixedBySeedAndClass() {
        List<Integer> cats = SampleSplit.order(FILES, 0);

        assertThat(cats).containsExactlyInAnyOrderElementsOf(FILES).isNotEqualTo(FILES);
        assertThat(SampleSplit.order(FILES, 0)).isEqualTo(cats);
        assertThat(SampleSplit.order(FILES, 1)).isNotEqualTo(cats);
    }

    @Test
    void everyThirdImageTakenGoesToTheTestSet() {
        long test = IntStream.range(0, 3000)
                .filter(i -> SampleSplit.partOf(i) == SampleSplit.Part.TEST)
                .count();

        // --limit 3000: the seed data set's 2,000 training and 1,000 test images per class.
        assertThat(test).isEqualTo(1000);
        assertThat(SampleSplit.partOf(0)).isEqualTo(SampleSplit.Part.TRAINING);
        assertThat(SampleSplit.partOf(1)).isEqualTo(SampleSplit.Part.TRAINING);
        assertThat(SampleSplit.partOf(2)).isEqualTo(SampleSplit.Part.TEST);
    }

    @Test
    void theSourceIsMicrosoftsArchiveUnlessTheSettingNamesAMirror() {
        assertThat(SampleDataSource.resolve(Map.of(), null).url()).isEqualTo(SampleDataSource.MICROSOFT_URL);
        assertThat(SampleDataSource.resolve(Map.of(), null).fromSetting()).isFalse();
        SampleDataSource mirror =
                SampleDataSource.resolve(Map.of(SampleDataSource.URL_ENV, "https://mirror.example/cd.zip"), null);
        assertThat(mirror.url()).hasToString("https://mirror.example/cd.zip");
        assertThat(mirror.fromSetting()).isTrue();
        assertThat(SampleDataSource.resolve(
                                Map.of(SampleDataSource.URL_ENV, "https://mirror.example/a.zip"),
                                "http://127.0.0.1:8080/b.zip")
                        .url())
                .hasToString("http://127.0.0.1:8080/b.zip");
    }

    @Test
    void aMirrorSettingThatIsNotHttpsIsRefusedNamingTheSetting() {
        assertThatThrownBy(() ->
                        SampleDataSource.resolve(Map.of(SampleDataSource.URL_ENV, "http://mirror.example/a.zip"), null))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(SampleDataSource.URL_ENV)
                .hasMessageContaining("https");
        assertThatThrownBy(() -> SampleDataSource.resolve(Map.of(SampleDataSource.URL_ENV, "not a url"), null))
                .isInstanceOf(CatdogException.class)
                .hasMessageContaining(SampleDataSource.URL_ENV);
    }
}
