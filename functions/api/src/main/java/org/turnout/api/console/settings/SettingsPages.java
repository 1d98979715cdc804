package org.turnout.api.console.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.console.ConsoleRequest;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.problem.InvalidInputException;

/**
 * What the pages of the owners' settings area share: their place in the navigation, the organisation's name in the
 * header, the tab they show, who acts (for the audit trail), and the fields a service refused. Every action answers
 * the whole page, of which htmx swaps the panel ({@code #panel}) in.
 */
@ApplicationScoped
public class SettingsPages {
    static final String ORGANISATION = "organisation";
    private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");

    private final ConsolePages pages;
    private final ConsoleRequest request;
    private final OrganisationService organisations;

    public SettingsPages(ConsolePages pages, ConsoleRequest request, OrganisationService organisations) {
        this.pages = pages;
        this.request = request;
        this.organisations = organisations;
    }

    /** The page {@code templates/console-settings-<tab>.html} of the admitted organisation. */
    public Response page(String tab, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("tab", tab);
        Organisation organisation = organisations.get(request.org());
        all.putIfAbsent("organisationName", organisation.name());
        // times are shown in the organisation's time zone (SettingsTemplateExtensions.local)
        all.put("timeZone", organisation.timeZone());
        all.putIfAbsent("invalid", Set.of());
        all.putIfAbsent("done", "");
        // where the language switch comes back to
        all.put("back", path(request.org(), tab));
        return pages.page("console-settings-" + tab, "settings", all);
    }

    /** The path of a tab of {@code org}'s settings area: {@code organisation} is the area's own. */
    public static String path(String org, String tab) {
        return "/console/orgs/" + org + "/settings" + (tab.equals(ORGANISATION) ? "" : "/" + tab);
    }

    /** Who acts, as the API's audit trail names them: the token's subject, never an address. */
    public String actor() {
        return request.token().getSubject();
    }

    /**
     * The fields a service refused, as the page's forms name them: a list's items under the list's name
     * ({@code allowedTags[2]} is {@code allowedTags}, {@code senders[3].address} is {@code senders.address}); the
     * page words each in the user's language.
     */
    public static Set<String> invalidFields(InvalidInputException refused) {
        return refused.errors().stream().map(error -> LIST_INDEX.matcher(error.field()).replaceAll("")).collect(Collectors.toSet());
    }
}
