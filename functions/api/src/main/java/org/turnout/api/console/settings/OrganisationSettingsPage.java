package org.turnout.api.console.settings;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.security.AdminRoles;
import org.turnout.organisation.OrganisationService;
import org.turnout.organisation.OrganisationSettings;
import org.turnout.problem.ConflictException;
import org.turnout.problem.InvalidInputException;

/**
 * The organisation's settings as its owners change them: name, language, time zone, sending rate, public sign-up,
 * the tags sign-ups may carry, the campaign sites allowed to call the sign-up door, the thank-you page. The
 * organisation service validates, as for the API; the page words the fields it refused.
 */
@Path("/console/orgs/{org}/settings")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = AdminRoles.OWNER)
public class OrganisationSettingsPage {
    /** The time zones a browser may suggest, sorted, computed once. */
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final OrganisationService organisations;
    private final SettingsPages pages;

    public OrganisationSettingsPage(OrganisationService organisations, SettingsPages pages) {
        this.organisations = organisations;
        this.pages = pages;
    }

    @GET
    public Response show(@PathParam("org") String org) {
        return page(organisations.get(org).settings(), Set.of(), "");
    }

    @PUT
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("org") String org, @FormParam("name") String name, @FormParam("language") String language,
                         @FormParam("timeZone") String timeZone, @FormParam("sendRatePerSecond") String sendRate,
                         @FormParam("publicSignup") String publicSignup, @FormParam("allowedTags") String allowedTags,
                         @FormParam("signupOrigins") String signupOrigins, @FormParam("signupThankYouUrl") String thankYou,
                         @FormParam("version") Long version) {
        OrganisationSettings asTyped = organisations.get(org).settings().withName(name).withLanguage(language).withTimeZone(timeZone)
                .withPublicSignup(publicSignup != null).withAllowedTags(lines(allowedTags)).withSignupOrigins(lines(signupOrigins))
                .withSignupThankYouUrl(thankYou).withVersion(version);
        Integer rate = number(sendRate);
        if (rate == null) {
            // the browser checks the field's type; a request without it gets the field named, as a refused one
            return page(asTyped, Set.of("sendRatePerSecond"), "");
        }
        try {
            return page(organisations.update(org, asTyped.withSendRatePerSecond(rate), pages.actor()).settings(), Set.of(), "saved");
        } catch (InvalidInputException refused) {
            return page(asTyped.withSendRatePerSecond(rate), SettingsPages.invalidFields(refused), "");
        } catch (ConflictException changedMeanwhile) {
            return page(organisations.get(org).settings(), Set.of(), "conflict");
        }
    }

    private Response page(OrganisationSettings settings, Set<String> invalid, String done) {
        return pages.page(SettingsPages.ORGANISATION, Map.of("settings", settings, "invalid", invalid, "done", done,
                "allowedTags", String.join("\n", settings.allowedTags() == null ? List.of() : settings.allowedTags()),
                "signupOrigins", String.join("\n", settings.signupOrigins() == null ? List.of() : settings.signupOrigins()),
                "timeZones", TIME_ZONES));
    }

    /** A text area's lines, blank ones left out. */
    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
