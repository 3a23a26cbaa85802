package studio.catdog.ui.help;

import java.util.List;

/**
 * One third-party component shipped with the app.
 *
 * @param name the component
 * @param coordinates its Maven coordinates ({@code group:artifact}, artifact {@code *} for a whole group)
 * @param licence its licence
 * @param home where it comes from
 */
public record ThirdPartyComponent(String name, List<String> coordinates, String licence, String home) {}
