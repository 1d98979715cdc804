package org.turnout.canvass;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The doors of address files, by station, and the reports of those files. */
@ApplicationScoped
public class AddressRepository {
    private final DynamoDbTable<AddressEntry> doors;
    private final DynamoDbTable<AddressImport> imports;
    private final BatchOperations batches;

    public AddressRepository(TurnoutTable table, BatchOperations batches) {
        this.doors = table.items(AddressEntry.class, MethodHandles.lookup());
        this.imports = table.items(AddressImport.class, MethodHandles.lookup());
        this.batches = batches;
    }

    public void writeAll(List<AddressEntry> entries) {
        batches.writeAll(entries.stream().map(entry -> WriteRequest.builder().putRequest(PutRequest.builder()
                .item(doors.tableSchema().itemToMap(entry, true)).build()).build()).toList());
    }

    public List<AddressEntry> atStation(String orgId, String station) {
        List<AddressEntry> found = new ArrayList<>();
        doors.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(Keys.stationAddresses(orgId, station)).build()))
                .build()).items().forEach(found::add);
        return found;
    }

    public Optional<AddressImport> find(String orgId, String importId) {
        return Optional.ofNullable(imports.getItem(r -> r.key(Key.builder().partitionValue(Keys.organisation(orgId))
                .sortValue(Keys.addressImportSk(importId)).build()).consistentRead(true)));
    }

    /** Creates the import; false when it exists (the same S3 event delivered again). */
    public boolean createIfAbsent(AddressImport report) {
        try {
            imports.putItem(PutItemEnhancedRequest.builder(AddressImport.class).item(report)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(PK)").build()).build());
            report.setVersion(1L);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Saves the import if unchanged since read; false when another invocation saved it first. */
    public boolean save(AddressImport report) {
        try {
            imports.putItem(report);
            report.setVersion(report.getVersion() == null ? 1L : report.getVersion() + 1);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public List<AddressImport> imports(String orgId) {
        return imports.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.addressImportSk("")).build()))
                        .scanIndexForward(false).limit(50).build())
                .stream().findFirst().map(page -> page.items()).orElse(List.of());
    }
}
