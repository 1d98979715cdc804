package org.turnout.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.turnout.contact.EmailAddress;
import org.turnout.secrets.Pepper;
import org.turnout.secrets.SecretIds;
import org.turnout.secrets.SecretSettings;
import org.turnout.secrets.SecretStore;
import org.turnout.store.BatchOperations;
import org.turnout.store.Keys;
import org.turnout.store.TurnoutTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * What an erasure leaves: a keyed hash (HMAC-SHA256 with a secret pepper) of the normalised
 * address, never the address nor its contact id (a plain hash anyone can recompute from a
 * guess). Knowing an address, we can tell it was erased; knowing the table, nobody can list who.
 * The pepper is a secret of its own ({@link SecretIds#ERASURE_PEPPER}), never rotated: with a new one, no
 * tombstone would match its address again. The input is labelled, so the hash never coincides with another keyed
 * hash even if a deployment gives two of them one secret.
 */
@ApplicationScoped
public class ErasureTombstones {
    private static final String LABEL = "erased-address:";

    private final TurnoutTable table;
    private final BatchOperations batches;
    private final SecretStore secrets;
    private final String secretId;

    @Inject
    public ErasureTombstones(TurnoutTable table, BatchOperations batches, SecretStore secrets, SecretSettings settings) {
        this(table, batches, secrets, settings.erasurePepperSecret());
    }

    public ErasureTombstones(TurnoutTable table, BatchOperations batches, SecretStore secrets, Optional<String> secretId) {
        this.table = table;
        this.batches = batches;
        this.secrets = secrets;
        this.secretId = SecretIds.required(secretId, SecretIds.ERASURE_PEPPER);
    }

    public String hash(EmailAddress address) {
        return Pepper.hmacHex(Pepper.key(secrets.current(secretId), SecretIds.ERASURE_PEPPER), LABEL + address.key(), 32);
    }

    public void put(String orgId, EmailAddress address, Instant erasedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(orgId, address));
        item.put("type", AttributeValue.fromS("erasure-tombstone"));
        item.put("erasedAt", AttributeValue.fromS(erasedAt.toString()));
        table.client().putItem(PutItemRequest.builder().tableName(table.name()).item(item).build());
    }

    /** Lifts the tombstone (staff removing the address from the suppression list); true if there was one. */
    public boolean remove(String orgId, EmailAddress address) {
        return table.client().deleteItem(DeleteItemRequest.builder().tableName(table.name()).key(key(orgId, address))
                .returnValues("ALL_OLD").build()).hasAttributes();
    }

    /** The addresses among these that were erased, read in bulk. */
    public Set<EmailAddress> erased(String orgId, Collection<EmailAddress> addresses) {
        Map<String, EmailAddress> byHash = new LinkedHashMap<>();
        addresses.forEach(address -> byHash.put(hash(address), address));
        List<Map<String, AttributeValue>> keys = byHash.keySet().stream()
                .map(h -> TurnoutTable.key(Keys.erasureTombstone(orgId, h), Keys.ERASURE_TOMBSTONE_SK)).toList();
        String prefix = Keys.erasureTombstone(orgId, "");
        return batches.getAll(keys).stream()
                .map(item -> byHash.get(item.get("PK").s().substring(prefix.length())))
                .collect(Collectors.toSet());
    }

    private Map<String, AttributeValue> key(String orgId, EmailAddress address) {
        return TurnoutTable.key(Keys.erasureTombstone(orgId, hash(address)), Keys.ERASURE_TOMBSTONE_SK);
    }
}
