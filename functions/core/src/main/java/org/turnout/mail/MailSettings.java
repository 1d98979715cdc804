package org.turnout.mail;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** How every email leaves. */
@ConfigMapping(prefix = "turnout")
public interface MailSettings {

    /**
     * The SES configuration set every email is sent in ({@code TURNOUT_CONFIGURATION_SET}, from the template's
     * Globals), which publishes the events feedback applies; none where no configuration set exists.
     */
    Optional<String> configurationSet();
}
