package studio.catdog.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl+C (SIGINT) and SIGTERM as a request to stop, for a command that runs until told to (catdog serve):
 * the command then stops gracefully and returns its own exit code (0), instead of the JVM exiting at once
 * with 130 or 143. Closing puts the previous handlers back.
 *
 * @implNote Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported, present in every JDK the
 *     app runs on) through reflection, so the build has no "internal proprietary API" warnings. Where it is
 *     missing, the JVM's default stays: the signal runs the shutdown hooks and exits at once.
 */
final class ShutdownSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    private final List<Object> signals = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();
    private Method handle;

    private ShutdownSignals() {}

    /**
     * @param onSignal what to do on a signal (called on the JVM's signal thread; keep it short)
     * @return the installed handlers; close to restore the previous ones
     */
    static ShutdownSignals install(Runnable onSignal) {
        ShutdownSignals installed = new ShutdownSignals();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            installed.handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> onSignal.run();
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "catdog stop handler";
                            }
                            default -> {}
                        }
                        return null;
                    });
            for (String name : new String[] {"INT", "TERM"}) {
                try {
                    Object signal = signalClass.getConstructor(String.class).newInstance(name);
                    installed.previous.add(installed.handle.invoke(null, signal, handler));
                    installed.signals.add(signal);
                } catch (InvocationTargetException e) {
                    // this system lacks the signal, or the JVM reserves it (-Xrs): its default stays
                    log.debug("cannot handle SIG{}: {}", name, e.getCause().getMessage());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("signal handling unavailable; Ctrl+C and SIGTERM exit at once", e);
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
            try {
                handle.invoke(null, signals.get(i), previous.get(i));
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("could not restore a signal handler", e);
            }
        }
    }
}
