package org.turnout.precinct;

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

/** Elections (metadata, versioned) and their station results (written in bulk, read per election). */
@ApplicationScoped
public class ElectionRepository {
    private final DynamoDbTable<Election> elections;
    private final VersionedWrites<Election> writes;
    private final DynamoDbTable<StationResult> stations;
    private final BatchOperations batches;

    public ElectionRepository(TurnoutTable table, BatchOperations batches) {
        this.elections = table.items(Election.SCHEMA);
        this.writes = new VersionedWrites<>(this.elections, Election::withVersion);
        this.stations = table.items(StationResult.SCHEMA);
        this.batches = batches;
    }

    public Optional<Election> find(String orgId, String electionId) {
        return Optional.ofNullable(elections.getItem(r -> r.key(Key.builder().partitionValue(Keys.organisation(orgId))
                .sortValue(Keys.electionSk(electionId)).build()).consistentRead(true)));
    }

    /** Creates the election; what it returns is the election as stored, nothing when it exists (the same upload's event delivered again). */
    public Optional<Election> createIfAbsent(Election election) {
        return writes.createIfAbsent(election);
    }

    /** Saves the election if unchanged since read; what it returns is the election as stored, nothing when another invocation saved it first. */
    public Optional<Election> save(Election election) {
        return writes.save(election);
    }

    /** The organisation's elections, newest upload first. */
    public List<Election> list(String orgId, int limit) {
        return elections.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.electionSk("")).build()))
                        .scanIndexForward(false)
                        .limit(limit)
                        .build())
                .stream().findFirst().map(page -> page.items()).orElse(List.of());
    }

    /** Writes station results in bulk; writing one again replaces it with the same figures. */
    public void writeStations(List<StationResult> results) {
        List<WriteRequest> puts = results.stream()
                .map(result -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(stations.tableSchema().itemToMap(result, true)).build()).build())
                .toList();
        batches.writeAll(puts);
    }

    /** Every station of an election, in station order. */
    public List<StationResult> stations(String orgId, String electionId) {
        List<StationResult> all = new ArrayList<>();
        stations.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(Keys.electionResults(orgId, electionId)).build()))
                        .consistentRead(true)
                        .build())
                .items().forEach(all::add);
        return all;
    }
}
