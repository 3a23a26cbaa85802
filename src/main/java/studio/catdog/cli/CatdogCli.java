package studio.catdog.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import studio.catdog.core.Failures;

/**
 * The {@code catdog} command line: train, evaluate, audit, changes, predict, explain, history, export, bench and
 * backbone, without the desktop UI.
 */
@Command(
        name = "catdog",
        mixinStandardHelpOptions = true,
        version = "CatDog Studio 0.1",
        description = "Train, test and use a cat/dog image classifier by transfer learning, offline.%n"
                + "Run without a command to open the desktop app.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            AuditCommand.class,
            ChangesCommand.class,
            PredictCommand.class,
            ExplainCommand.class,
            HistoryCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            SampleDataCommand.class,
            BackboneCommand.class,
            ServeCommand.class
        })
public final class CatdogCli implements Runnable {

    /** Exit code for a failed run (bad input, failed prediction). */
    public static final int EXIT_FAILED = 1;
    /** Exit code for wrong usage. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /**
     * Builds the configured command line (exposed for tests that capture its output).
     *
     * @return the command line
     */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new CatdogCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(Failures.isCancellation(e) ? "cancelled" : "error: " + Failures.describe(e));
            if (Failures.isUnexpected(e)) {
                LoggerFactory.getLogger(CatdogCli.class).error("unexpected failure", Failures.unwrap(e));
            }
            err.flush();
            return EXIT_FAILED;
        });
        return cli;
    }
}
