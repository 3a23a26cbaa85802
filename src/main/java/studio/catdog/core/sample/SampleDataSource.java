package studio.catdog.core.sample;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import studio.catdog.core.CatdogException;
import studio.catdog.core.download.HttpFetcher;

/**
 * Where the sample data set comes from: Microsoft's Cats-vs-Dogs archive (the source of the Kaggle
 * set the project was seeded with), or a mirror named by {@value #URL_ENV}.
 *
 * @param url the archive's address
 * @param fromSetting whether the address came from {@value #URL_ENV} (or its system property), so that a
 *     refusal can name the setting
 * @param nominalBytes the archive's expected size, used to check free space before the server says it
 * @param nominalImages the images the archive holds, used to estimate the unpacked size of a part of it
 */
public record SampleDataSource(URI url, boolean fromSetting, long nominalBytes, int nominalImages) {

    /** Microsoft's download address of the archive. */
    public static final URI MICROSOFT_URL = URI.create("https://download.microsoft.com/download/3/E/1/"
            + "3E1C3F21-ECDB-4869-8368-6DEBA77B919F/kagglecatsanddogs_5340.zip");
    /** The environment variable that replaces the address (a mirror). */
    public static final String URL_ENV = "CATDOG_SAMPLE_DATA_URL";
    /** The system property that does the same (tests, a launcher option); it wins over the variable. */
    public static final String URL_PROPERTY = "catdog.sample.data.url";
    /** The archive's size as Microsoft serves it (824,887,076 bytes, as seen in public download logs). */
    public static final long MICROSOFT_BYTES = 824_887_076L;
    /** 12,500 cats and 12,500 dogs. */
    public static final int MICROSOFT_IMAGES = 25_000;

    /** Checks the values. */
    public SampleDataSource {
        if (url == null || nominalBytes <= 0 || nominalImages <= 0) {
            throw new IllegalArgumentException("unusable sample data source");
        }
    }

    /** @return Microsoft's archive */
    public static SampleDataSource microsoft() {
        return new SampleDataSource(MICROSOFT_URL, false, MICROSOFT_BYTES, MICROSOFT_IMAGES);
    }

    /**
     * @return Microsoft's archive, or the mirror this process's setting names
     * @throws CatdogException when the setting is not an address this app downloads from
     */
    public static SampleDataSource fromEnvironment() {
        return resolve(System.getenv(), System.getProperty(URL_PROPERTY));
    }

    /**
     * The testable form of {@link #fromEnvironment()}.
     *
     * @param env environment variables
     * @param property the system property, or null
     * @return the source
     * @throws CatdogException when the setting is not an address this app downloads from
     */
    static SampleDataSource resolve(Map<String, String> env, String property) {
        String value = property != null && !property.isBlank() ? property : env.get(URL_ENV);
        if (value == null || value.isBlank()) {
            return microsoft();
        }
        try {
            URI url = HttpFetcher.checkAllowed(new URI(value.trim()));
            return new SampleDataSource(url, true, MICROSOFT_BYTES, MICROSOFT_IMAGES);
        } catch (URISyntaxException | CatdogException e) {
            throw new CatdogException(URL_ENV + " is '" + value + "', which cannot be used (" + e.getMessage()
                    + "). Point it at an https mirror of the archive, or unset it.");
        }
    }
}
