package org.turnout.settings;

import java.util.Optional;

/**
 * A setting that only some functions of a package are given. Quarkus checks every settings interface a kept bean
 * injects when the function starts, whether or not that function ever uses the bean; so such a setting is optional
 * in its interface, and required here, where it is used.
 */
public final class RequiredSetting {

    private RequiredSetting() {
    }

    /** The value, or a failure naming the setting this function lacks ({@code setting} as "turnout.x (TURNOUT_X)"). */
    public static String of(Optional<String> value, String setting) {
        return value.filter(given -> !given.isBlank()).orElseThrow(() -> new IllegalStateException(
                "This function was given no " + setting + ": set it for this function in template.yaml"));
    }
}
