package org.turnout.signup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.turnout.contact.Contact;
import org.turnout.mail.MailAddress;
import org.turnout.feedback.SesTags;
import org.turnout.mail.Mailer;
import org.turnout.mail.OutgoingEmail;
import org.turnout.organisation.Language;
import org.turnout.organisation.Organisation;
import org.turnout.organisation.Sender;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSettings;
import org.turnout.security.LinkSigner;
import org.turnout.template.Templates;

/** The double opt-in email: a signed, expiring link that confirms the sign-up. */
@ApplicationScoped
public class ConfirmationMail {
    private final Mailer mailer;
    private final Templates templates;
    private final LinkSigner links;
    private final String publicUrl;
    private final String defaultSender;
    private final Duration linkValidity;

    @Inject
    public ConfirmationMail(Mailer mailer, Templates templates, LinkSigner links, LinkSettings linkSettings, SignupSettings settings) {
        this(mailer, templates, links, linkSettings.linkBase(), settings.sender(), linkSettings.confirmLinkValidity());
    }

    public ConfirmationMail(Mailer mailer, Templates templates, LinkSigner links, String publicUrl, String defaultSender,
                            Duration linkValidity) {
        this.mailer = mailer;
        this.templates = templates;
        this.links = links;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.defaultSender = defaultSender;
        this.linkValidity = linkValidity;
    }

    public String send(Organisation organisation, Contact contact) {
        String token = links.sign(new LinkClaims(LinkClaims.CONFIRM, organisation.id(), contact.contactId(), null), linkValidity);
        Map<String, Object> data = new HashMap<>();
        data.put("firstName", contact.firstName() == null ? "" : contact.firstName());
        data.put("organisation", organisation.name());
        data.put("link", publicUrl + "/v1/confirm/" + token);
        data.put("validDays", linkValidity.toDays());
        Language language = organisation.languageOrDefault();
        return mailer.send(new OutgoingEmail(
                from(organisation),
                contact.email(),
                null,
                templates.render("confirm-subject", language, "txt", data).strip(),
                templates.render("confirm-email", language, "html", data),
                templates.render("confirm-email", language, "txt", data),
                Map.of(SesTags.ORGANISATION, organisation.id(), SesTags.CONTACT, contact.contactId(), "purpose", LinkClaims.CONFIRM),
                Map.of()));
    }

    private String from(Organisation organisation) {
        if (organisation.senders().isEmpty()) {
            return defaultSender;
        }
        Sender sender = organisation.senders().get(0);
        return MailAddress.withName(sender.name(), sender.address());
    }
}
