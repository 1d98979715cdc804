package org.turnout.unsubscribe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.turnout.security.LinkClaims;
import org.turnout.security.LinkSettings;
import org.turnout.security.LinkSigner;

/**
 * The unsubscribe link of one mailing to one contact, for the {@code List-Unsubscribe} header and
 * the footer of the message: {@code <public-url>/v1/unsubscribe/<signed token>}. The token is bound
 * to organisation, contact and mailing; it stays valid long after the mailing (a year by default),
 * since people unsubscribe from old messages too.
 */
@ApplicationScoped
public class UnsubscribeLinks {
    public static final String PATH = "/v1/unsubscribe/";

    private final LinkSigner signer;
    private final String publicUrl;
    private final Duration validity;

    @Inject
    public UnsubscribeLinks(LinkSigner signer, LinkSettings settings) {
        this(signer, settings.linkBase(), settings.unsubscribeLinkValidity());
    }

    public UnsubscribeLinks(LinkSigner signer, String publicUrl, Duration validity) {
        this.signer = signer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.validity = validity;
    }

    /** The public URL that unsubscribes {@code contactId} of {@code orgId}, recorded against {@code mailingId}. */
    public String linkFor(String orgId, String contactId, String mailingId) {
        return publicUrl + PATH + signer.sign(new LinkClaims(LinkClaims.UNSUBSCRIBE, orgId, contactId, mailingId), validity);
    }
}
