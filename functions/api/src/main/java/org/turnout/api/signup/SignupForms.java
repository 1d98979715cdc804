package org.turnout.api.signup;

import jakarta.inject.Singleton;
import java.util.Map;
import org.turnout.organisation.Organisation;
import org.turnout.security.LinkSettings;
import org.turnout.signup.SignupConsent;
import org.turnout.template.Templates;

/**
 * The organisation's public sign-up form ({@code templates/signup-form.html}), one markup for both places it
 * lives: the snippet staff paste into their own site, and the hosted page this API serves. It posts to the
 * sign-up door as a plain form (no script), with the honeypot, and the consent text and version the
 * organisation set (or its language's default).
 */
@Singleton
public record SignupForms(LinkSettings links, Templates templates) {
    /** Where a form was filled in, as the consent record keeps it ({@code source}). */
    public static final String SNIPPET = "snippet";
    public static final String HOSTED_PAGE = "hosted-page";

    public static String hostedPagePath(String org) {
        return "/v1/orgs/" + org + "/signup";
    }

    /** The hosted page's public URL, to share or link to. */
    public String hostedPageUrl(String org) {
        return links.linkBase() + hostedPagePath(org);
    }

    /** The form alone, to paste into a page of the campaign's site. */
    public String snippet(Organisation organisation) {
        return render("signup-form", organisation, SNIPPET);
    }

    /** The page of our own that holds the form. */
    public String hostedPage(Organisation organisation) {
        return render("signup-hosted-page", organisation, HOSTED_PAGE);
    }

    private String render(String template, Organisation organisation, String source) {
        SignupConsent consent = SignupConsent.of(organisation);
        return templates.render(template, organisation.languageOrDefault(), "html", Map.of(
                "action", links.linkBase() + "/v1/orgs/" + organisation.id() + "/signups",
                "organisation", organisation.name() == null ? "" : organisation.name(),
                "consentText", consent.text(),
                "consentVersion", consent.version(),
                "source", source));
    }
}
