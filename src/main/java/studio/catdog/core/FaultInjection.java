package studio.catdog.core;

import java.util.Arrays;

/**
 * Named pause points in crash-sensitive code (saving a model, writing the cache), so tests can kill
 * the process at exactly that moment and check that nothing half-written is ever used. Inert unless
 * the system property {@code catdog.faultInjection.pauseAt} names the point.
 */
public final class FaultInjection {

    private FaultInjection() {}

    /**
     * Sleeps for {@code catdog.faultInjection.pauseMillis} (default 60 s) when this point is named
     * in {@code catdog.faultInjection.pauseAt}, after printing {@code PAUSED <point>} on stderr.
     *
     * @param point the name of the point
     */
    public static void pause(String point) {
        String names = System.getProperty("catdog.faultInjection.pauseAt");
        if (names == null || Arrays.stream(names.split(",")).noneMatch(point::equals)) {
            return;
        }
        System.err.println("PAUSED " + point);
        System.err.flush();
        try {
            Thread.sleep(Long.getLong("catdog.faultInjection.pauseMillis", 60_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
