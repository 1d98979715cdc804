package org.turnout.contact;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** A transient (soft) bounce of one message, kept until a later delivery shows the address works. */
@DynamoDbBean
public class TransientBounce {
    private String messageId;
    private Instant at;

    public static TransientBounce of(String messageId, Instant at) {
        TransientBounce bounce = new TransientBounce();
        bounce.setMessageId(messageId);
        bounce.setAt(at);
        return bounce;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }
}
