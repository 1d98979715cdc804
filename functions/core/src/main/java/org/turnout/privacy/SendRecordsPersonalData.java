package org.turnout.privacy;

import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The send records of one contact ({@code ORG#o#MAIL#m / C#<contactId>}). No index leads from a
 * contact to its send records, so the organisation's mailings are listed ({@code ORG#o / MAIL#...})
 * and the one possible record of each is read in bulk: a few hundred mailings cost a query page
 * and one BatchGetItem per hundred. Erasure deletes them: with the contact gone, the claim they
 * hold has nothing left to protect (a late retry finds the contact missing, and
 * {@code SuppressionService} answers that it is suppressed).
 */
@Singleton
public record SendRecordsPersonalData(TurnoutTable table, BatchOperations batches) implements PersonalDataHolder {
    @Override
    public String section() {
        return "sendRecords";
    }

    @Override
    public Object export(String orgId, String contactId) {
        return records(orgId, contactId).stream().map(RawItems::toJson).toList();
    }

    @Override
    public int erase(String orgId, String contactId) {
        List<Map<String, AttributeValue>> records = records(orgId, contactId);
        records.forEach(record -> table.client().deleteItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(record.get("PK").s(), record.get("SK").s()))));
        return records.size();
    }

    private List<Map<String, AttributeValue>> records(String orgId, String contactId) {
        return batches.getAll(mailingIds(orgId).stream()
                .map(mailingId -> TurnoutTable.key(Keys.sendRecords(orgId, mailingId), Keys.sendRecordSk(contactId)))
                .toList());
    }

    /** The ids of the organisation's mailings: the part of each {@code MAIL#...} sort key up to the next '#'. */
    private Set<String> mailingIds(String orgId) {
        Set<String> ids = new LinkedHashSet<>();
        String prefix = Keys.mailingSk("");
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder().tableName(table.name())
                    .keyConditionExpression("PK = :pk AND begins_with(SK, :mail)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.organisation(orgId)),
                            ":mail", AttributeValue.fromS(prefix)))
                    .projectionExpression("SK");
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = table.client().query(query.build());
            page.items().forEach(item -> {
                String rest = item.get("SK").s().substring(prefix.length());
                int hash = rest.indexOf('#');
                ids.add(hash < 0 ? rest : rest.substring(0, hash));
            });
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }
}
