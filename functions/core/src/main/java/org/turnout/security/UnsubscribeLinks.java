package org.turnout.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The signed one-click unsubscribe link of a contact, bound to the mailing it came in. */
@ApplicationScoped
public class UnsubscribeLinks {
    /** Long: people unsubscribe from mail they kept for months. */
    static final Duration VALIDITY = Duration.ofDays(400);

    private final LinkSigner signer;
    private final String publicUrl;

    public UnsubscribeLinks(LinkSigner signer, @ConfigProperty(name = "turnout.public-url") String publicUrl) {
        this.signer = signer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String linkFor(String orgId, String contactId, String mailingId) {
        return publicUrl + "/v1/unsubscribe/" + signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, orgId, contactId, mailingId), VALIDITY);
    }
}
