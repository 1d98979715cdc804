package org.turnout.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The counters as attributes of the mailing's own item ({@code ORG#o / MAIL#m}), moved with
 * {@code ADD}, so that concurrent events never lose a count. Only an existing mailing is counted:
 * a test email or a deleted mailing must not leave a stray item behind.
 */
@ApplicationScoped
public class MailingItemCounters implements MailingFeedbackCounters {
    private static final Logger LOG = Logger.getLogger(MailingItemCounters.class);

    private final TurnoutTable table;

    public MailingItemCounters(TurnoutTable table) {
        this.table = table;
    }

    @Override
    public void increment(String orgId, String mailingId, MailingCounter counter) {
        try {
            table.client().updateItem(UpdateItemRequest.builder().tableName(table.name())
                    .key(TurnoutTable.key(Keys.organisation(orgId), Keys.mailingSk(mailingId)))
                    .updateExpression("ADD #counter :one")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#counter", counter.attribute()))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("no mailing %s in %s to count %s on", mailingId, orgId, counter.attribute());
        }
    }
}
