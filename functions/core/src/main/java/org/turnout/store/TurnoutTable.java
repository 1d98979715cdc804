package org.turnout.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.turnout.aws.AwsClients;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The single DynamoDB table (its name set by template.yaml) and typed views of it. */
@ApplicationScoped
public class TurnoutTable {
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbClient client;
    private final String name;

    @Inject
    public TurnoutTable(AwsClients clients, TableSettings settings) {
        this(clients, settings.table());
    }

    public TurnoutTable(AwsClients clients, String name) {
        this.enhanced = clients.dynamoDbEnhanced();
        this.client = clients.dynamoDb();
        this.name = name;
    }

    /** A typed view for one immutable item, through its static schema. */
    public <T> DynamoDbTable<T> items(TableSchema<T> schema) {
        return enhanced.table(name, schema);
    }

    /** The key attributes of an item. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Attributes.PK, AttributeValue.fromS(pk), Attributes.SK, AttributeValue.fromS(sk));
    }

    public DynamoDbClient client() {
        return client;
    }

    public String name() {
        return name;
    }
}
