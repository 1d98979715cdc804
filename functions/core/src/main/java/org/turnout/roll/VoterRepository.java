package org.turnout.roll;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import org.turnout.store.VersionedWrites;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The voters of the electoral roll by station, the small items that find them again (the stations
 * holding voters, a link beside each matched contact), the retention and the import reports.
 * Every item of the roll carries the same TTL.
 */
@ApplicationScoped
public class VoterRepository {
    /** The item beside a matched contact that names its voter (in attributes {@link #VOTER_PK} and {@link #VOTER_SK}). */
    public static final String LINK_TYPE = "voterLink";
    public static final String VOTER_PK = "voterPk";
    public static final String VOTER_SK = "voterSk";

    private final TurnoutTable table;
    private final DynamoDbTable<Voter> voters;
    private final DynamoDbTable<RollRetention> retentions;
    private final DynamoDbTable<RollImport> imports;
    private final VersionedWrites<RollImport> importWrites;
    private final BatchOperations batches;

    public VoterRepository(TurnoutTable table, BatchOperations batches) {
        this.table = table;
        this.voters = table.items(Voter.SCHEMA);
        this.retentions = table.items(RollRetention.SCHEMA);
        this.imports = table.items(RollImport.SCHEMA);
        this.importWrites = new VersionedWrites<>(this.imports, RollImport::withVersion);
        this.batches = batches;
    }

    /** Writes the voters (one item per key: the caller dedupes) and the links of the matched ones. */
    public void writeAll(Collection<Voter> batch) {
        List<WriteRequest> writes = new ArrayList<>();
        for (Voter voter : batch) {
            writes.add(put(voters.tableSchema().itemToMap(voter, true)));
            if (voter.contactId() != null) {
                writes.add(put(link(voter)));
            }
        }
        batches.writeAll(writes);
    }

    /** Notes that these stations hold voters, so that a purge or a new election date finds them. */
    public void markStations(String orgId, Collection<String> stations, long ttl) {
        batches.writeAll(stations.stream().map(station -> put(Map.of(
                "PK", AttributeValue.fromS(Keys.organisation(orgId)),
                "SK", AttributeValue.fromS(Keys.rollStationSk(station)),
                "type", AttributeValue.fromS("rollStation"),
                "station", AttributeValue.fromS(station),
                "ttl", AttributeValue.fromN(Long.toString(ttl))))).toList());
    }

    /** Every voter item of the station, expired ones included (the caller knows the time). */
    public List<Voter> atStation(String orgId, String station) {
        List<Voter> found = new ArrayList<>();
        voters.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(Keys.stationVoters(orgId, station)).build()))
                .consistentRead(true).build()).items().forEach(found::add);
        return found;
    }

    public List<String> stations(String orgId) {
        return beginsWith(Keys.organisation(orgId), Keys.rollStationSk("")).stream().map(item -> item.get("station").s()).toList();
    }

    /** The voters matched to this contact (a link a newer extract left without its voter's match is passed over). */
    public List<Voter> linkedTo(String orgId, String contactId) {
        List<Voter> found = new ArrayList<>();
        for (Map<String, AttributeValue> link : beginsWith(Keys.contact(orgId, contactId), Keys.VOTER_LINK_PREFIX)) {
            Voter voter = voters.getItem(Key.builder().partitionValue(link.get(VOTER_PK).s()).sortValue(link.get(VOTER_SK).s()).build());
            if (voter != null && contactId.equals(voter.contactId())) {
                found.add(voter);
            }
        }
        return found;
    }

    /** Deletes these voters and their links; returns how many voters. */
    public int deleteAll(Collection<Voter> gone) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (Voter voter : gone) {
            deletes.add(delete(voter.pk(), voter.sk()));
            if (voter.contactId() != null) {
                deletes.add(delete(Keys.contact(voter.orgId(), voter.contactId()), Keys.voterLinkSk(voter.station(), voter.sk())));
            }
        }
        batches.writeAll(deletes);
        return gone.size();
    }

    /** Deletes the links found beside a contact whose voter is gone already. */
    public void deleteLinks(String orgId, String contactId) {
        batches.writeAll(beginsWith(Keys.contact(orgId, contactId), Keys.VOTER_LINK_PREFIX).stream()
                .map(link -> delete(link.get("PK").s(), link.get("SK").s())).toList());
    }

    public void forgetStation(String orgId, String station) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(TurnoutTable.key(Keys.organisation(orgId), Keys.rollStationSk(station))));
    }

    public Optional<RollRetention> retention(String orgId) {
        return Optional.ofNullable(retentions.getItem(r -> r.key(Key.builder().partitionValue(Keys.organisation(orgId))
                .sortValue(Keys.ROLL_RETENTION_SK).build()).consistentRead(true)));
    }

    public void save(RollRetention retention) {
        retentions.putItem(retention);
    }

    /** Creates the import; what it returns is the import as stored, nothing when it exists (the same S3 event delivered again). */
    public Optional<RollImport> createIfAbsent(RollImport report) {
        return importWrites.createIfAbsent(report);
    }

    /** Saves the import if unchanged since read; what it returns is the import as stored, nothing when another invocation saved it first. */
    public Optional<RollImport> save(RollImport report) {
        return importWrites.save(report);
    }

    public Optional<RollImport> findImport(String orgId, String importId) {
        return Optional.ofNullable(imports.getItem(r -> r.key(Key.builder().partitionValue(Keys.organisation(orgId))
                .sortValue(Keys.rollImportSk(importId)).build()).consistentRead(true)));
    }

    /** The latest roll files' reports, newest first. */
    public List<RollImport> imports(String orgId) {
        return imports.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(
                                Key.builder().partitionValue(Keys.organisation(orgId)).sortValue(Keys.rollImportSk("")).build()))
                        .scanIndexForward(false).limit(50).build())
                .stream().findFirst().map(page -> page.items()).orElse(List.of());
    }

    private Map<String, AttributeValue> link(Voter voter) {
        return Map.of(
                "PK", AttributeValue.fromS(Keys.contact(voter.orgId(), voter.contactId())),
                "SK", AttributeValue.fromS(Keys.voterLinkSk(voter.station(), voter.sk())),
                "type", AttributeValue.fromS(LINK_TYPE),
                VOTER_PK, AttributeValue.fromS(voter.pk()),
                VOTER_SK, AttributeValue.fromS(voter.sk()),
                "ttl", AttributeValue.fromN(Long.toString(voter.ttl())));
    }

    private List<Map<String, AttributeValue>> beginsWith(String pk, String skPrefix) {
        return table.client().queryPaginator(b -> b.tableName(table.name())
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)))
                        .consistentRead(true))
                .items().stream().toList();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest delete(String pk, String sk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(TurnoutTable.key(pk, sk)).build()).build();
    }
}
