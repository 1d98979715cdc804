package org.turnout.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.turnout.settings.RequiredSetting;

/** The signed links of emails: where they point and how long they work. */
@ConfigMapping(prefix = "turnout")
public interface LinkSettings {

    /**
     * The public base URL the links start with ({@code TURNOUT_PUBLIC_URL}). Given only to the functions that
     * write links (the API, SendFunction): optional here, so that the other functions of the workers' package
     * start without it; {@link #linkBase()} fails, naming it, where it is needed and missing.
     */
    Optional<String> publicUrl();

    /** How long a sign-up's confirmation link works ({@code TURNOUT_CONFIRM_LINK_VALIDITY}). */
    @WithDefault("P7D")
    Duration confirmLinkValidity();

    /** How long an unsubscribe link works ({@code TURNOUT_UNSUBSCRIBE_LINK_VALIDITY}). */
    @WithDefault("P365D")
    Duration unsubscribeLinkValidity();

    /** The public URL without a trailing slash, to which a link's path is appended. */
    default String linkBase() {
        String url = RequiredSetting.of(publicUrl(), "turnout.public-url (TURNOUT_PUBLIC_URL)");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The longest any signed link stays valid: signing keys are kept that long. */
    default Duration longestLinkValidity() {
        return confirmLinkValidity().compareTo(unsubscribeLinkValidity()) > 0 ? confirmLinkValidity() : unsubscribeLinkValidity();
    }
}
