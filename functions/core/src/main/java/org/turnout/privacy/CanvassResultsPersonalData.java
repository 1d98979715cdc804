package org.turnout.privacy;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The canvass results of one contact, kept beside it ({@code ORG#o#C#<contactId> / CANVASS#<session>}):
 * outcome, support level, notes and canvasser of every door knocked. The contact item holds only
 * the latest of them; deleting it leaves these, so erasure deletes them here.
 */
@Singleton
public record CanvassResultsPersonalData(TurnoutTable table) implements PersonalDataHolder {
    @Override
    public String section() {
        return "canvassResults";
    }

    @Override
    public Object export(String orgId, String contactId) {
        return results(orgId, contactId).stream().map(RawItems::toJson).toList();
    }

    @Override
    public int erase(String orgId, String contactId) {
        List<Map<String, AttributeValue>> results = results(orgId, contactId);
        results.forEach(result -> table.client().deleteItem(b -> b.tableName(table.name())
                .key(TurnoutTable.key(result.get("PK").s(), result.get("SK").s()))));
        return results.size();
    }

    private List<Map<String, AttributeValue>> results(String orgId, String contactId) {
        return table.client().queryPaginator(b -> b.tableName(table.name())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :canvass)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.contact(orgId, contactId)),
                                ":canvass", AttributeValue.fromS(Keys.canvassSk(""))))
                        .consistentRead(true))
                .items().stream().toList();
    }
}
