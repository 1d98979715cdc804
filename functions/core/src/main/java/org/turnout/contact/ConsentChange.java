package org.turnout.contact;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * One change of a contact's consent status, kept on the contact as its history: what it was,
 * what it became, why, and the mailing it came from (an unsubscribe link, a bounce, a complaint).
 */
@DynamoDbBean
public class ConsentChange {
    private Instant at;
    private String from;
    private String to;
    private String reason;
    private String mailingId;

    public static ConsentChange of(Instant at, ContactStatus from, ContactStatus to, String reason, String mailingId) {
        ConsentChange change = new ConsentChange();
        change.setAt(at);
        change.setFrom(from.code());
        change.setTo(to.code());
        change.setReason(reason);
        change.setMailingId(mailingId);
        return change;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMailingId() {
        return mailingId;
    }

    public void setMailingId(String mailingId) {
        this.mailingId = mailingId;
    }
}
