package org.turnout.signup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The public sign-up's limits and the sender of its confirmation emails; only the API signs people up. */
@ConfigMapping(prefix = "turnout")
public interface SignupSettings {

    /** From of the confirmation email when the organisation has no sender ({@code TURNOUT_SENDER}). */
    String sender();

    /** Sign-ups a minute from one IP address, per organisation ({@code TURNOUT_SIGNUP_PER_MINUTE_PER_IP}). */
    @WithDefault("5")
    int signupPerMinutePerIp();

    /** The least time between two confirmation emails to one pending contact ({@code TURNOUT_SIGNUP_RESEND_INTERVAL}). */
    @WithDefault("PT10M")
    Duration signupResendInterval();
}
