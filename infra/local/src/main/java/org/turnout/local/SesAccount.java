package org.turnout.local;

/**
 * The account that the SES emulator's GetAccount returns. aws-ses-v2-local reads it from its
 * {@code AWS_SES_ACCOUNT} setting and validates every field below (see its dist/v2/getAccount.js).
 */
final class SesAccount {

    static final double MAX_SEND_RATE = 14;
    static final double MAX_24_HOUR_SEND = 50_000;
    /** Raises (or lowers) the account's MaxSendRate, as a benchmark needs to measure a rate above 14 a second. */
    static final String MAX_SEND_RATE_VARIABLE = "TURNOUT_LOCAL_SES_MAX_SEND_RATE";

    private static final String TEMPLATE = """
            {
              "DedicatedIpAutoWarmupEnabled": false,
              "Details": {
                "AdditionalContactEmailAddresses": [],
                "ContactLanguage": "EN",
                "MailType": "MARKETING",
                "ReviewDetails": { "CaseId": "local", "Status": "GRANTED" },
                "UseCaseDescription": "Turnout local stack",
                "WebsiteURL": "https://turnout.local/"
              },
              "EnforcementStatus": "HEALTHY",
              "ProductionAccessEnabled": true,
              "SendingEnabled": true,
              "SendQuota": { "Max24HourSend": %s, "MaxSendRate": %s, "SentLast24Hours": 0 },
              "SuppressionAttributes": { "SuppressedReasons": ["BOUNCE", "COMPLAINT"] }
            }
            """;

    static final String JSON = json(MAX_SEND_RATE);

    /** The account with the MaxSendRate of {@link #MAX_SEND_RATE_VARIABLE} if set, else {@link #MAX_SEND_RATE}. */
    static String fromEnvironment() {
        String rate = System.getenv(MAX_SEND_RATE_VARIABLE);
        if (rate == null || rate.isBlank()) {
            return JSON;
        }
        try {
            return json(Double.parseDouble(rate.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_SEND_RATE_VARIABLE + " is not a number of emails a second: " + rate);
        }
    }

    static String json(double maxSendRate) {
        if (!(maxSendRate > 0)) {
            throw new IllegalArgumentException("the SES account's MaxSendRate must be above 0, not " + maxSendRate);
        }
        return TEMPLATE.formatted((long) MAX_24_HOUR_SEND, (long) Math.ceil(maxSendRate));
    }

    private SesAccount() {
    }
}
