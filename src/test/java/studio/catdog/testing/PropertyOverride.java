package studio.catdog.testing;

/**
 * A system property set for a test, put back as it was (set to its old value, or cleared) on {@link #close()}.
 * The command line reads {@code catdog.home} and {@code ai.djl.offline} from system properties, so a test that
 * runs it in-process overrides them for its own run only.
 */
public final class PropertyOverride implements AutoCloseable {

    private final String key;
    private final String previous;

    private PropertyOverride(String key, String previous) {
        this.key = key;
        this.previous = previous;
    }

    /**
     * Sets a system property, remembering its value before.
     *
     * @param key the property
     * @param value its value for the test
     * @return what puts the previous value back
     */
    public static PropertyOverride set(String key, String value) {
        PropertyOverride override = new PropertyOverride(key, System.getProperty(key));
        System.setProperty(key, value);
        return override;
    }

    /** Puts the previous value back, or clears the property where it had none. */
    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, previous);
        }
    }
}
