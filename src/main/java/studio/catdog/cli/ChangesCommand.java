package studio.catdog.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import studio.catdog.core.CatdogException;
import studio.catdog.core.JsonLines;
import studio.catdog.core.audit.DatasetEdits;
import studio.catdog.core.audit.KeptFindings;
import studio.catdog.core.audit.MoveRecord;

/**
 * {@code catdog changes}: the changes recorded in a data set's journal (moves to another class and
 * exclusions, made in the app's audit), and their undo, for people without the desktop app.
 */
@Command(
        name = "changes",
        mixinStandardHelpOptions = true,
        description = "List the changes made to a data set (images moved to another class or excluded, recorded in "
                + "<data set>/.catdog/audit.json), or undo one. A journal whose paths leave the data set's class "
                + "folders or excluded/ is refused and left as it is.")
final class ChangesCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Data set folder (the one the audit ran on).")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @ArgGroup(exclusive = true)
    Undo undo;

    /** {@code --undo-last} or {@code --undo ID}, not both. */
    static final class Undo {
        @Option(names = "--undo-last", required = true, description = "Undo the latest change still in effect.")
        boolean last;

        @Option(
                names = "--undo",
                required = true,
                paramLabel = "ID",
                description = "Undo the change with this id (see the list).")
        String id;
    }

    @Override
    public Integer call() {
        DatasetEdits edits = DatasetEdits.open(data);
        if (undo != null) {
            return undo(edits);
        }
        List<MoveRecord> moves = edits.moves();
        KeptFindings decisions = edits.decisions();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (MoveRecord m : moves) {
                rows.add(row(edits, m));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", edits.root().toString());
            out.put("changes", rows);
            out.put("keptImages", decisions.keptImages().size());
            out.put("keptPairs", decisions.keptPairs().size());
            System.out.println(JsonLines.write(out));
            return 0;
        }
        if (moves.isEmpty()) {
            System.out.println("No changes recorded in " + edits.root() + ".");
        } else {
            System.out.printf(Locale.ROOT, "%-36s %-9s %-20s %s%n", "id", "kind", "time", "from -> to");
            for (MoveRecord m : moves) {
                System.out.printf(
                        Locale.ROOT,
                        "%-36s %-9s %-20s %s -> %s%n",
                        m.id(),
                        kind(m),
                        m.time().toString(),
                        relative(edits, m.from()),
                        relative(edits, m.to()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d change(s) in effect, oldest first; %d image(s) and %d pair(s) kept.%n",
                moves.size(),
                decisions.keptImages().size(),
                decisions.keptPairs().size());
        return 0;
    }

    private Integer undo(DatasetEdits edits) {
        Optional<MoveRecord> move = undo.last
                ? edits.moves().stream().reduce((a, b) -> b)
                : edits.moves().stream().filter(m -> m.id().equals(undo.id)).findFirst();
        if (move.isEmpty()) {
            if (undo.last) {
                System.out.println(json ? JsonLines.write(Map.of("undone", List.of())) : "No change to undo.");
                return 0;
            }
            throw new CatdogException("There is no change " + undo.id + " in effect in " + edits.root()
                    + " (see catdog changes --data " + data + ").");
        }
        Path now = edits.undo(move.get().id());
        Map<String, Object> r = row(edits, move.get());
        r.put("now", relative(edits, now));
        if (json) {
            System.out.println(JsonLines.write(Map.of("undone", List.of(r))));
        } else {
            System.out.println(
                    "Undone: " + relative(edits, move.get().to()) + " is back at " + relative(edits, now) + ".");
        }
        return 0;
    }

    private static Map<String, Object> row(DatasetEdits edits, MoveRecord m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", m.id());
        r.put("kind", kind(m));
        r.put("from", relative(edits, m.from()));
        r.put("to", relative(edits, m.to()));
        r.put("sha256", m.sha256());
        r.put("time", m.time().toString());
        return r;
    }

    private static String kind(MoveRecord m) {
        return m.kind() == MoveRecord.Kind.EXCLUDED ? "excluded" : "to-class";
    }

    private static String relative(DatasetEdits edits, Path p) {
        return edits.root().relativize(p).toString().replace('\\', '/');
    }
}
