package org.turnout.canvass;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.store.VersionedWrites;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The doors of address files, by station, and the reports of those files. */
@ApplicationScoped
public class AddressRepository {
    private final DynamoDbTable<AddressEntry> doors;
    private final DynamoDbTable<AddressImport> imports;
    private final VersionedWrites<AddressImport> importWrites;
    private final BatchOperations batches;

    public AddressRepository(TurnoutTable table, BatchOperations batches) {
        this.doors = table.items(AddressEntry.SCHEMA);
        this.imports = table.items(AddressImport.SCHEMA);
        this.importWrites = new VersionedWrites<>(this.imports, AddressImport::withVersion);
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

    /** Creates the import; what it returns is the import as stored, nothing when it exists (the same S3 event delivered again). */
    public Optional<AddressImport> createIfAbsent(AddressImport report) {
        return importWrites.createIfAbsent(report);
    }

    /** Saves the import if unchanged since read; what it returns is the import as stored, nothing when another invocation saved it first. */
    public Optional<AddressImport> save(AddressImport report) {
        return importWrites.save(report);
    }

    public List<AddressImport> imports(String orgId) {
        return imports.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.addressImportSk("")).build()))
                        .scanIndexForward(false).limit(50).build())
                .stream().findFirst().map(page -> page.items()).orElse(List.of());
    }
}
