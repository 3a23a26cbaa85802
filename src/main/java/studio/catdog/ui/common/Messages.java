package studio.catdog.ui.common;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-visible text of the desktop app: {@code studio/catdog/i18n/messages*.properties}, picked once from the
 * operating system's locale. FXML files name keys as {@code %key} ({@link ViewLoader} hands them the bundle);
 * Views and ViewModels call {@link #get(String, Object...)}. The command line stays English and does not use it.
 *
 * @implNote A static holder on purpose (see ARCHITECTURE.md): the bundle is immutable data chosen once per process,
 *     like the JDK's own {@link ResourceBundle} cache, and ViewModels are tested without a toolkit or wiring.
 */
public final class Messages {

    /** The bundle's base name on the class path. */
    public static final String BUNDLE = "studio.catdog.i18n.messages";

    private static volatile ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault());

    private Messages() {}

    /** @return the bundle for the current locale, for {@code FXMLLoader.setResources} */
    public static ResourceBundle bundle() {
        return bundle;
    }

    /**
     * The locale the texts are in, for numbers written into them ({@code String.format(Messages.locale(), ...)}):
     * {@link Locale#ROOT} for the English base bundle, so English texts keep the decimal point they always had.
     *
     * @return the current bundle's locale
     */
    public static Locale locale() {
        return bundle.getLocale();
    }

    /**
     * Switches the language from now on. The app never calls it: its language is the OS locale's, chosen once when
     * this class loads, before any view is built. Texts already shown, and the few kept in constants (such as
     * {@code PredictionViewModel.NOT_SURE}), keep the language they were made in.
     *
     * @param locale the locale to use from now on
     */
    public static void use(Locale locale) {
        bundle = ResourceBundle.getBundle(BUNDLE, locale);
    }

    /**
     * One text.
     *
     * @param key its key in {@code messages.properties}
     * @param args the values for its {@code {0}}, {@code {1}}... placeholders ({@link MessageFormat}); with none the
     *     text is returned as written (a single quote needs no doubling)
     * @return the text in the current language
     * @throws MissingResourceException when the key is not in the bundle (a test checks every key used is defined)
     */
    public static String get(String key, Object... args) {
        return get(bundle, key, args);
    }

    /**
     * One text of a given bundle, formatted as {@link #get(String, Object...)} does (for tests of a language other than
     * the current one, without switching the process's language).
     *
     * @param from the bundle
     * @param key its key
     * @param args the values for its placeholders
     * @return the text
     */
    public static String get(ResourceBundle from, String key, Object... args) {
        String pattern = from.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, from.getLocale()).format(args);
    }
}
