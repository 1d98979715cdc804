package org.turnout.mailing;

/**
 * How a mailing did: what was sent, and what SES's events say became of it. Rates are of the
 * messages sent, opens and clicks of those delivered; null while there is nothing to divide by.
 * Opens are a floor (images blocked) and sometimes inflated (mail privacy proxies open everything).
 */
public record MailingStats(long sent, long delivered, long bounced, long complained, long opened, long clicked,
                           long unsubscribed, Rates rates) {

    public record Rates(Double delivery, Double bounce, Double complaint, Double open, Double click, Double unsubscribe) {
    }

    public static MailingStats of(Mailing m) {
        long sent = Mailing.count(m.sent());
        long delivered = Mailing.count(m.delivered());
        long bounced = Mailing.count(m.bounced());
        long complained = Mailing.count(m.complained());
        long opened = Mailing.count(m.opened());
        long clicked = Mailing.count(m.clicked());
        long unsubscribed = Mailing.count(m.unsubscribed());
        return new MailingStats(sent, delivered, bounced, complained, opened, clicked, unsubscribed, new Rates(
                rate(delivered, sent), rate(bounced, sent), rate(complained, sent),
                rate(opened, delivered), rate(clicked, delivered), rate(unsubscribed, sent)));
    }

    /** {@code part} of {@code whole}, to four decimals; null when {@code whole} is zero. */
    public static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
