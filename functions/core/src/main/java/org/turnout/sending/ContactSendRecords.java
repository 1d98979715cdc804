package org.turnout.sending;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The send records of one contact, for its page in the console. No index leads from a contact to its records,
 * so the one possible record of each of the given mailings is read in bulk (a BatchGetItem per hundred mailings).
 */
@Singleton
public record ContactSendRecords(BatchOperations batches) {
    /** One send: its outcome, SES's message id once sent, and when it was sent or settled (null while claimed). */
    public record ContactSend(String mailingId, SendOutcome outcome, String messageId, Instant at) {
    }

    /** The contact's records among these mailings, by mailing id. */
    public Map<String, ContactSend> of(String orgId, String contactId, Collection<String> mailingIds) {
        Map<String, ContactSend> sends = new HashMap<>();
        for (Map<String, AttributeValue> item : batches.getAll(mailingIds.stream()
                .map(mailingId -> TurnoutTable.key(Keys.sendRecords(orgId, mailingId), Keys.sendRecordSk(contactId))).toList())) {
            String mailingId = item.get("PK").s().substring(Keys.sendRecords(orgId, "").length());
            SendRecord record = SendRecords.record(item);
            AttributeValue at = item.containsKey("sentAt") ? item.get("sentAt") : item.get("at");
            sends.put(mailingId, new ContactSend(mailingId, record.outcome(), record.messageId(), at == null ? null : Instant.parse(at.s())));
        }
        return sends;
    }
}
