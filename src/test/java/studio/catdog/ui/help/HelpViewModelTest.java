package studio.catdog.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.catdog.core.AppPaths;
import studio.catdog.ui.common.Session;

/**
 * The Help window's content without a toolkit: the three steps, where files live (this machine's folders), the
 * version, the built-in model's notice, and a third-party list that names every library the app ships.
 */
class HelpViewModelTest {

    @TempDir
    Path tmp;

    private HelpViewModel vm(Session session) {
        return new HelpViewModel(new AppPaths(tmp.resolve("data"), tmp.resolve("cache")), session);
    }

    @Test
    void theStepsThePlacesAndTheLogFolder() {
        Session session = new Session();
        HelpViewModel vm = vm(session);

        assertThat(vm.steps()).hasSize(3);
        assertThat(vm.steps().get(0)).contains("File › Get sample data set…");
        assertThat(vm.places())
                .extracting(StoragePlace::path)
                .contains(
                        tmp.resolve("data/models"),
                        tmp.resolve("data/settings.properties"),
                        tmp.resolve("data/logs"),
                        tmp.resolve("cache/features"));
        assertThat(vm.logFolder()).isEqualTo(tmp.resolve("data/logs")).isDirectory();

        vm.noFileManager(tmp.resolve("data/logs"));
        assertThat(session.errorProperty().get())
                .contains(tmp.resolve("data/logs").toString());
    }

    @Test
    void theShortcutsAreTheMenusOwnAndTheKeysNoMenuHas() {
        HelpViewModel vm = vm(new Session());
        vm.setShortcuts(List.of(new Shortcut("Ctrl+1", "View › Data set")));
        assertThat(vm.shortcuts()).first().isEqualTo(new Shortcut("Ctrl+1", "View › Data set"));
        assertThat(vm.shortcuts()).extracting(Shortcut::keys).contains("Escape", "Tab, Shift+Tab");
    }

    @Test
    void aboutHasTheVersionTheNoticeAndTheThirdParties() {
        HelpViewModel vm = vm(new Session());
        // The build fills in the version (target/classes); from the sources alone it says so.
        assertThat(vm.version()).matches("\\d+\\.\\d+\\.\\d+.*|development build");
        assertThat(vm.runtime()).startsWith("Java ");
        assertThat(vm.builtInNotice()).contains("MobileNetV2").contains("SHA-256");
        assertThat(vm.thirdParty()).extracting(ThirdPartyComponent::licence).allMatch(l -> !l.isBlank());
    }

    /** Every library pom.xml ships with the app (compile or runtime scope) has a row in the third-party list. */
    @Test
    void theThirdPartyListNamesEveryShippedDependency() throws IOException {
        List<ThirdPartyComponent> listed = vm(new Session()).thirdParty();
        String pom = Files.readString(Path.of("pom.xml"));
        // The project's own dependencies, not those of the build's plugins (checkstyle runs in the build only).
        pom = pom.substring(pom.indexOf("<dependencies>"), pom.indexOf("</dependencies>"));
        Matcher dep = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL)
                .matcher(pom);
        List<String> missing = new ArrayList<>();
        int shipped = 0;
        while (dep.find()) {
            String d = dep.group(1);
            String scope = tag(d, "scope");
            if ("test".equals(scope) || "provided".equals(scope)) {
                continue;
            }
            shipped++;
            String group = tag(d, "groupId");
            String artifact = tag(d, "artifactId");
            boolean named = listed.stream()
                    .flatMap(c -> c.coordinates().stream())
                    .anyMatch(c -> c.equals(group + ":" + artifact) || c.equals(group + ":*"));
            if (!named) {
                missing.add(group + ":" + artifact);
            }
        }
        assertThat(shipped).as("dependencies found in pom.xml").isGreaterThan(10);
        assertThat(missing)
                .as("shipped dependencies missing from %s", HelpViewModel.THIRD_PARTY)
                .isEmpty();
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1).trim() : null;
    }
}
