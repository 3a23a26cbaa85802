package studio.catdog.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text key used in the sources is defined, every key defined is used, and each translation defines exactly
 * the keys of the base bundle with the same placeholders (JabRef's localization consistency test is the model).
 * Keys are found as written: {@code %key} in FXML attributes and {@code Messages.get("key"} in Java.
 */
class MessagesConsistencyTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path BUNDLES = RESOURCES.resolve("studio/catdog/i18n");
    private static final Pattern FXML_KEY = Pattern.compile("=\"%([A-Za-z0-9_.\\-]+)\"");
    private static final Pattern JAVA_KEY = Pattern.compile("Messages\\.get\\(\\s*\"([A-Za-z0-9_.\\-]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    @Test
    void everyKeyUsedIsDefinedAndEveryKeyDefinedIsUsed() throws IOException {
        Set<String> used = usedKeys();
        Set<String> defined = load(BUNDLES.resolve("messages.properties")).stringPropertyNames();
        assertThat(new TreeSet<>(minus(used, defined)))
                .as("keys used but not in messages.properties")
                .isEmpty();
        assertThat(new TreeSet<>(minus(defined, used)))
                .as("keys in messages.properties that nothing uses")
                .isEmpty();
    }

    @Test
    void everyTranslationHasExactlyTheBaseKeysWithTheSamePlaceholders() throws IOException {
        Properties base = load(BUNDLES.resolve("messages.properties"));
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("messages_.+\\.properties"))
                    .toList()) {
                Properties translated = load(file);
                assertThat(new TreeSet<>(translated.stringPropertyNames()))
                        .as("keys of %s", file.getFileName())
                        .isEqualTo(new TreeSet<>(base.stringPropertyNames()));
                for (String key : base.stringPropertyNames()) {
                    assertThat(placeholders(translated.getProperty(key)))
                            .as("placeholders of %s in %s", key, file.getFileName())
                            .isEqualTo(placeholders(base.getProperty(key)));
                }
            }
        }
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>();
        collect(RESOURCES, ".fxml", FXML_KEY, used);
        collect(SOURCES, ".java", JAVA_KEY, used);
        return used;
    }

    private static void collect(Path root, String suffix, Pattern pattern, Set<String> into) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    into.add(m.group(1));
                }
            }
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
