package org.turnout.local;

/**
 * The account that the SES emulator's GetAccount returns. aws-ses-v2-local reads it from its
 * {@code AWS_SES_ACCOUNT} setting and validates every field below (see its dist/v2/getAccount.js).
 */
final class SesAccount {

    /** The rate of a new production account; a benchmark raises it above what the emulator can take. */
    static final double MAX_SEND_RATE = 14;
    static final double MAX_24_HOUR_SEND = 50_000;

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

    /** The account with the given {@code MaxSendRate} (a whole number a second, as SES gives it), above 0. */
    static String json(double maxSendRate) {
        if (!(maxSendRate > 0)) {
            throw new IllegalArgumentException("the SES account's MaxSendRate must be above 0, not " + maxSendRate);
        }
        return TEMPLATE.formatted((long) MAX_24_HOUR_SEND, (long) Math.ceil(maxSendRate));
    }

    private SesAccount() {
    }
}
