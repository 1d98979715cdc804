package org.turnout.unsubscribe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The one-click unsubscribe's limit. */
@ConfigMapping(prefix = "turnout")
public interface UnsubscribeSettings {

    /**
     * Unsubscribe requests a minute from one IP address, per organisation ({@code TURNOUT_UNSUBSCRIBE_PER_MINUTE_PER_IP}):
     * generous, since one-click POSTs come from the mailbox providers' few servers.
     */
    @WithDefault("300")
    int unsubscribePerMinutePerIp();
}
