package studio.catdog.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * One run of the command line in this JVM, with stdout and stderr captured.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error (the command's and the error handler's)
 */
record CliRun(int code, String out, String err) {

    /** @return stdout's lines */
    List<String> lines() {
        return out.lines().toList();
    }

    /** @return the last line of stdout as JSON */
    JsonObject lastJson() {
        List<String> l = lines();
        return JsonParser.parseString(l.get(l.size() - 1)).getAsJsonObject();
    }

    /**
     * Runs {@code catdog ARGS}.
     *
     * @param args the arguments
     * @return what it did
     */
    static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = CatdogCli.newCommandLine();
            cli.setErr(new PrintWriter(cliErr, true));
            int code = cli.execute(args);
            return new CliRun(
                    code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + cliErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
