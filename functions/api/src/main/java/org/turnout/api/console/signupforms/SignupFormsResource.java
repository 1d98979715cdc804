package org.turnout.api.console.signupforms;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.turnout.api.console.ConsoleAssets;
import org.turnout.api.console.ConsolePage;
import org.turnout.api.console.ConsolePages;
import org.turnout.api.security.AdminRoles;
import org.turnout.api.signup.SignupForms;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.OrganisationService;
import org.turnout.signup.SignupConsent;

/**
 * The organisation's public sign-up, as staff take it to their site: the form as an HTML snippet to paste
 * (with a copy button), and the hosted page with its URL; the consent text and version both carry.
 */
@Path("/console/orgs/{org}/signup-forms")
@Produces(MediaType.TEXT_HTML)
@ConsolePage(roles = {AdminRoles.OWNER, AdminRoles.STAFF})
public class SignupFormsResource {
    /** The copy button's script, the page's only one besides htmx. */
    static final String COPY_SCRIPT = "signupforms-copy.js";

    private final OrganisationService organisations;
    private final SignupForms forms;
    private final ConsoleAssets assets;
    private final ConsolePages pages;

    public SignupFormsResource(OrganisationService organisations, SignupForms forms, ConsoleAssets assets, ConsolePages pages) {
        this.organisations = organisations;
        this.forms = forms;
        this.assets = assets;
        this.pages = pages;
    }

    @GET
    public Response page(@PathParam("org") String org) {
        Organisation organisation = organisations.get(org);
        Map<String, Object> data = new HashMap<>();
        data.put("organisationName", organisation.name());
        data.put("back", "/console/orgs/" + org + "/signup-forms");
        data.put("open", organisation.signupOpen());
        data.put("consent", SignupConsent.of(organisation));
        data.put("snippet", forms.snippet(organisation));
        data.put("hostedUrl", forms.hostedPageUrl(org));
        data.put("thankYouUrl", organisation.signupThankYouUrl() == null ? "" : organisation.signupThankYouUrl());
        data.put("copyScript", assets.url(COPY_SCRIPT));
        return pages.page("console-signupforms-page", "signup-forms", data);
    }
}
