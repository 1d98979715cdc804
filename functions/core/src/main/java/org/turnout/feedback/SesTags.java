package org.turnout.feedback;

import java.util.regex.Pattern;

/**
 * The SES message tags every email of Turnout carries, and that its feedback events bring back:
 * which organisation, mailing and contact a message was for. Tag values are limited by SES to
 * {@code [A-Za-z0-9_-]}, which every id here satisfies.
 */
public final class SesTags {
    public static final String ORGANISATION = "turnout-org";
    public static final String MAILING = "turnout-mailing";
    public static final String CONTACT = "turnout-contact";

    static final Pattern ORGANISATION_ID = Pattern.compile("[a-z0-9-]{2,40}");
    static final Pattern MAILING_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern CONTACT_ID = Pattern.compile("[0-9a-f]{32}");

    private SesTags() {
    }
}
