package studio.catdog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The source side of {@link ArchitectureRules#noNestedRecordUsedFromAnotherFile}: ArchUnit reads bytecode, where a
 * nested record that another file only names as a local variable's type leaves no trace. This scan finds such
 * names ({@code Outer.Record} or an import of it) in the sources.
 */
class NestedRecordSourceTest {

    private static final Pattern NESTED_RECORD = Pattern.compile(
            "^\\s+(?:(?:public|protected|private|static|final)\\s+)*record\\s+(\\w+)", Pattern.MULTILINE);

    @Test
    void noFileNamesARecordNestedInAnotherFile() throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(f.toString(), Files.readString(f));
            }
        }

        assertThat(crossFileUses(sources)).isEmpty();
    }

    @Test
    void theScanFindsABadExample() {
        Map<String, String> sources = Map.of(
                "a/Owner.java", "final class Owner {\n    record Part(int size) {}\n    Part part;\n}\n",
                "a/Borrower.java", "final class Borrower {\n    void use() {\n        Owner.Part p = null;\n    }\n}\n",
                "a/Fine.java", "final class Fine {\n    int part;\n}\n");

        assertThat(crossFileUses(sources)).containsExactly("a/Borrower.java names Owner.Part");
    }

    /** @return one line per file that names a record nested in another file's class */
    static List<String> crossFileUses(Map<String, String> sources) {
        Map<String, List<String>> recordsByOwner = new HashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = NESTED_RECORD.matcher(text);
            while (m.find()) {
                recordsByOwner
                        .computeIfAbsent(owner(file), k -> new ArrayList<>())
                        .add(m.group(1));
            }
        });
        List<String> uses = new ArrayList<>();
        sources.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> recordsByOwner.forEach((owner, records) -> {
                    if (owner.equals(owner(e.getKey()))) {
                        return;
                    }
                    for (String record : records) {
                        if (Pattern.compile("\\b" + owner + "\\." + record + "\\b")
                                .matcher(e.getValue())
                                .find()) {
                            uses.add(e.getKey() + " names " + owner + "." + record);
                        }
                    }
                }));
        return uses;
    }

    private static String owner(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }
}
