package studio.catdog.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl+C (SIGINT) and SIGTERM as a request to stop, for a command that runs until told to (catdog serve):
 * the command then stops gracefully and returns its own exit code (0), instead of the JVM exiting at once
 * with 130 or 143. Closing puts the previous handlers back.
 *
 * @implNote {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported and present in every JDK the app
 *     runs on) is the only way to handle a signal in Java without exiting; javac warns about it on every build
 *     ("internal proprietary API"), and no annotation silences that. Loading it by name through reflection
 *     would silence it but is what {@code SecurityTest} forbids ({@code Class.forName}). A shutdown hook
 *     cannot do this: the JVM's exit code after SIGTERM is then 143 whatever the hook does.
 */
final class ShutdownSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private ShutdownSignals() {}

    /**
     * @param onSignal what to do on a signal (called on the JVM's signal thread; keep it short)
     * @return the installed handlers; close to restore the previous ones
     */
    static ShutdownSignals install(Runnable onSignal) {
        ShutdownSignals installed = new ShutdownSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                installed.previous.add(Signal.handle(signal, s -> onSignal.run()));
                installed.signals.add(signal);
            } catch (IllegalArgumentException e) {
                // this system lacks the signal, or the JVM reserves it (-Xrs): its default stays
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        return installed;
    }

    /** @return how many of SIGINT and SIGTERM are handled */
    int handled() {
        return signals.size();
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
